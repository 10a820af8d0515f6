namespace RelevanceRelated.Analysis.Configuration;

/// <summary>The TOML shape a configuration key takes, and for paths whether the target must already exist.</summary>
public enum ValueKind
{
    String,
    Integer,
    Number,
    Boolean,
    StringList,
    IntegerList,
    NumberList,
    /// <summary>A number, or a list of three numbers (one per axis).</summary>
    NumberOrTriple,
    /// <summary>A directory that is created on demand (relative to the file that sets it).</summary>
    Directory,
    /// <summary>A directory that must exist when the configuration loads; an empty string means "not set".</summary>
    ExistingDirectory,
    /// <summary>A file path (relative to the file that sets it); "" means "not set". Rules that need it check it exists.</summary>
    File,
    /// <summary>A list of files that must exist when the configuration loads.</summary>
    ExistingFileList,
}
