namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// One leaf value of the configuration with its origin. <see cref="Value"/> is a string, long, double, bool,
/// or a read-only list of those (TOML arrays); tables are flattened into dotted key paths. A built-in default
/// carries the directory its relative paths resolve against (<paramref name="BaseDirectory"/>).
/// </summary>
public sealed record ConfigEntry(string KeyPath, object Value, string File, int Line, string? BaseDirectory = null)
{
    /// <summary>The directory of the file that set this value (or the default's base): relative paths resolve against it.</summary>
    public string Directory => BaseDirectory ?? Path.GetDirectoryName(Path.GetFullPath(File)) ?? ".";

    /// <summary>"file:line", or just the source for a value no file set (a built-in default).</summary>
    public string Location => Line > 0 ? $"{File}:{Line}" : File;
}
