using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Hosting;

/// <summary>Where the silo finds the shared TOML configuration, if anywhere.</summary>
public static class SiloConfigurationFiles
{
    /// <summary><c>--config-dir DIR</c> on the command line, else the console's discovery rules; null when there is none.</summary>
    public static string? FindDirectory(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count - 1; i++)
            if (args[i] == "--config-dir") return args[i + 1];
        return ConfigurationLoader.FindDirectory(Directory.GetCurrentDirectory());
    }
}
