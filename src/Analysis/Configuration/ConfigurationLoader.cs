namespace RelevanceRelated.Analysis.Configuration;

/// <summary>
/// Loads the configuration: every <c>*config.toml</c> in the configuration directory (<c>config.toml</c> first,
/// the others in name order), then any extra files, each overriding earlier ones key by key; then validates, fills in
/// the built-in defaults of keys no file set (<see cref="BuiltInDefaults"/>) and binds.
/// </summary>
public static class ConfigurationLoader
{
    public const string DirectoryEnvironmentVariable = "RELEVANCERELATED_CONFIG_DIR";
    public const string DefaultFileName = "config.toml";

    public static LoadedConfiguration Load(string? configDirectory, IEnumerable<string>? extraFiles = null)
    {
        var files = new List<string>();
        if (configDirectory is not null) files.AddRange(DiscoverFiles(configDirectory));
        foreach (var extra in extraFiles ?? [])
        {
            if (!File.Exists(extra))
                throw new ConfigurationException([new ConfigurationError(extra, 0, "(file)", "expected an existing TOML configuration file")]);
            files.Add(extra);
        }

        var merged = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        var errors = new List<ConfigurationError>();
        foreach (var file in files)
        {
            try
            {
                foreach (var entry in TomlFileReader.Read(file)) merged[entry.KeyPath] = entry;
            }
            catch (ConfigurationException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }
        errors.AddRange(ConfigurationValidator.Validate(merged, files));
        if (errors.Count > 0) throw new ConfigurationException(errors);
        BuiltInDefaults.Fill(merged, BaseDirectory(configDirectory, files));
        return new LoadedConfiguration(ConfigurationBinder.Bind(merged), files, merged);
    }

    /// <summary>Where defaults' relative paths resolve: the configuration directory, else the first file's directory, else the current one.</summary>
    private static string BaseDirectory(string? configDirectory, IReadOnlyList<string> files) =>
        Path.GetFullPath(configDirectory ?? (files.Count > 0 ? Path.GetDirectoryName(Path.GetFullPath(files[0])) ?? "." : "."));

    /// <summary>The <c>*config.toml</c> files of a directory in merge order.</summary>
    public static IReadOnlyList<string> DiscoverFiles(string configDirectory)
    {
        if (!Directory.Exists(configDirectory))
            throw new ConfigurationException([new ConfigurationError(configDirectory, 0, "(directory)", "expected an existing configuration directory")]);
        return Directory.EnumerateFiles(configDirectory, "*config.toml")
            .OrderBy(f => Path.GetFileName(f) == DefaultFileName ? 0 : 1)
            .ThenBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The configuration directory when none is given: <c>$RELEVANCERELATED_CONFIG_DIR</c>, else the nearest
    /// <c>configs/</c> holding a config.toml above <paramref name="startDirectory"/>, else the copy beside the program.
    /// </summary>
    public static string? FindDirectory(string startDirectory)
    {
        if (Environment.GetEnvironmentVariable(DirectoryEnvironmentVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "configs");
            if (File.Exists(Path.Combine(candidate, DefaultFileName))) return candidate;
        }
        var besideProgram = Path.Combine(AppContext.BaseDirectory, "configs");
        return File.Exists(Path.Combine(besideProgram, DefaultFileName)) ? besideProgram : null;
    }
}
