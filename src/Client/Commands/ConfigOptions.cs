using System.CommandLine;
using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Client.Commands;

/// <summary>The global options that choose the configuration, and how a verb loads it.</summary>
public static class ConfigOptions
{
    public static readonly Option<string?> ConfigDirectory = new("--config-dir")
    {
        Description = $"Configuration directory (default: ${ConfigurationLoader.DirectoryEnvironmentVariable}, else the nearest configs/ above the current directory)",
        Recursive = true,
    };

    public static readonly Option<string[]> ExtraFiles = new("--config")
    {
        Description = "An extra TOML file merged last (repeatable)",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(ConfigDirectory);
        root.Options.Add(ExtraFiles);
    }

    public static LoadedConfiguration Load(ParseResult parseResult)
    {
        var directory = parseResult.GetValue(ConfigDirectory) ?? ConfigurationLoader.FindDirectory(Directory.GetCurrentDirectory());
        var extra = parseResult.GetValue(ExtraFiles) ?? [];
        if (directory is null && extra.Length == 0)
            throw new ConfigurationException([new ConfigurationError("(configuration)", 0, "--config-dir",
                "no configuration found: run from the repository (configs/config.toml), or pass --config-dir DIR or --config FILE")]);
        return ConfigurationLoader.Load(directory, extra);
    }
}
