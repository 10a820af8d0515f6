namespace RelevanceRelated.Analysis.Configuration;

/// <summary>The effective configuration with the files it came from and, per key, where its value was set.</summary>
public sealed record LoadedConfiguration(
    RelevanceRelatedConfig Config,
    IReadOnlyList<string> Files,
    IReadOnlyDictionary<string, ConfigEntry> Entries);
