namespace RelevanceRelated.Analysis.Reports.Page;

/// <summary>The report's and viewer's own style sheets and scripts, compiled into the assembly (Analysis.csproj embeds them).</summary>
public static class EmbeddedAsset
{
    public const string ReportCss = "report.css";
    public const string ReportJs = "report.js";
    public const string ViewerJs = "viewer.js";
    public const string ViewerCss = "viewer.css";

    /// <summary>NiiVue as one classic script (assets/niivue, built from npm).</summary>
    public const string Niivue = "niivue.js";

    /// <summary>The asset's text, or null when this build does not carry it (NiiVue, when the build had no npm).</summary>
    public static string? TryRead(string name)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream($"RelevanceRelated.Analysis.Reports.{name}");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Read(string name)
    {
        var assembly = typeof(EmbeddedAsset).Assembly;
        using var stream = assembly.GetManifestResourceStream($"RelevanceRelated.Analysis.Reports.{name}")
            ?? throw new InvalidOperationException($"The report asset '{name}' is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
