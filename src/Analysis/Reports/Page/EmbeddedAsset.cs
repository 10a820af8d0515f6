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

    public static string Read(string name)
    {
        var assembly = typeof(EmbeddedAsset).Assembly;
        using var stream = assembly.GetManifestResourceStream($"RelevanceRelated.Analysis.Reports.{name}")
            ?? throw new InvalidOperationException($"The report asset '{name}' is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
