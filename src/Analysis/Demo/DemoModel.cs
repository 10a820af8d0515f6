using System.Text.Json;

namespace RelevanceRelated.Analysis.Demo;

/// <summary>
/// The demo model on first use: rather than ship about 2.5 MB of ONNX files (three base models of 0.84 MB) that
/// the code rebuilds in under two minutes, they are built once into <c>modelsRoot/demo_t1</c> (see
/// <see cref="DemoModelBuilder"/>) and reused while the finished build's config and metrics files exist and the
/// metrics record the current <see cref="DemoModelBuilder.BuildVersion"/> (a cache from an older design is rebuilt).
/// </summary>
public static class DemoModel
{
    public const string DirectoryName = DemoModelBuilder.ModelName;

    /// <summary>The path of demo.config.toml under <paramref name="modelsRoot"/>, building the models first if they are missing.</summary>
    public static string EnsureBuilt(string modelsRoot, DemoBuildOptions? options = null, Action<string>? log = null)
    {
        var directory = Path.Combine(modelsRoot, DirectoryName);
        var config = Path.Combine(directory, DemoModelBuilder.ConfigFileName);
        if (File.Exists(config) && IsCurrent(Path.Combine(directory, DemoModelBuilder.MetricsFileName))) return config;
        return DemoModelBuilder.Build(directory, options ?? new DemoBuildOptions(), log).ConfigFile;
    }

    private static bool IsCurrent(string metricsFile)
    {
        if (!File.Exists(metricsFile)) return false;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(metricsFile));
            return json.RootElement.TryGetProperty("build_version", out var version) && version.ValueKind == JsonValueKind.Number &&
                   version.GetInt32() == DemoModelBuilder.BuildVersion;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
