using System.Text;
using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Reports.Page;

namespace RelevanceRelated.Analysis.Reports.Viewer;

/// <summary>
/// <c>viewer.html</c>, the report's interactive viewer: NiiVue (bundled from npm at build time and inlined, so the page
/// needs no network) with a list of entries (each subject the export wrote volumes for, and each cohort map), a choice
/// of relevance overlay, a threshold slider and a colour bar. Chromium refuses file:// fetches, so each entry's volumes
/// are base64 inside a classic script, <c>viewer/ID.js</c>, which the page adds when the entry is chosen: the page
/// stays small and only the chosen subject's volumes are read.
/// </summary>
public static class ReportViewer
{
    public const string PageName = "viewer.html";
    public const string DataFolder = "viewer";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The script holding an entry's volumes, relative to the report.</summary>
    public static string EntryScript(string id) => $"{DataFolder}/{Html.Anchor("", id)}.js";

    /// <summary>Writes an entry's volumes as <see cref="EntryScript"/> (atomically) and returns its relative path.</summary>
    /// <param name="legend">One line under the controls saying what is shown (e.g. subject, age, prediction).</param>
    public static string WriteEntry(string directory, string id, string label, string legend, IReadOnlyList<ViewerVolume> volumes)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(volumes);
        if (volumes.Count == 0 || volumes[0].Kind != ViewerVolumeKind.Anatomy)
            throw new ArgumentException($"viewer entry '{id}': the first volume must be the anatomy the others are drawn on.", nameof(volumes));
        var data = new
        {
            id,
            label,
            legend,
            volumes = volumes.Select(v => new { name = v.Name, title = v.Title, kind = v.Kind.ToString().ToLowerInvariant(), limit = v.Limit, base64 = Convert.ToBase64String(v.Bytes) }),
        };
        var relative = EntryScript(id);
        var script = "rrViewer.add(" + JsonSerializer.Serialize(data, Json) + ");\n";
        AtomicFile.Write(Path.Combine(directory, relative), stream => stream.Write(new UTF8Encoding(false).GetBytes(script)));
        return relative;
    }

    /// <summary>Writes <see cref="PageName"/> listing the cohort maps and subjects that have entries; returns its name.</summary>
    public static string WritePage(CohortReportInput input, string directory)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entries = input.CohortMaps.Where(m => m.ViewerId is not null).Select(m => new { id = m.ViewerId!, label = m.Title, script = EntryScript(m.ViewerId!) })
            .Concat(input.Subjects.Where(s => s.Files.InViewer).Select(s => new { id = s.Id, label = Label(s), script = EntryScript(s.Id) }))
            .ToList();
        // '<' is escaped by the serialiser, so no id can close the script element early.
        var manifest = JsonSerializer.Serialize(new { entries }, Json);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.E($"{SoftwareVersion.Product} viewer: cohort {input.Cohort}")).Append("</title>\n<style>")
            .Append(EmbeddedAsset.Read(EmbeddedAsset.ViewerCss)).Append("</style></head><body>\n<div id=\"controls\">")
            .Append("<a href=\"").Append(ReportPage.FileName).Append("\">← report</a>")
            .Append("<label>show <select id=\"entry\"></select></label>")
            .Append("<label>overlay <select id=\"overlay\"></select></label>")
            .Append("<label>threshold <input id=\"threshold\" type=\"range\" min=\"0\" max=\"95\" step=\"1\" value=\"5\"> <span id=\"threshold-value\"></span></label>")
            .Append("<span id=\"legend\"></span><span id=\"status\"></span></div>\n")
            .Append("<div id=\"canvas-box\"><canvas id=\"gl\"></canvas></div>\n")
            .Append("<script type=\"application/json\" id=\"viewer-manifest\">").Append(manifest).Append("</script>\n")
            .Append(EmbeddedAsset.TryRead(EmbeddedAsset.Niivue) is { } niivue
                ? $"<script>{niivue}</script>\n<script>{EmbeddedAsset.Read(EmbeddedAsset.ViewerJs)}</script>\n"
                : "<p id=\"no-viewer\">This build of RelevanceRelated has no viewer: it was built without npm, which bundles NiiVue. The maps are in maps/.</p>\n")
            .Append("</body></html>\n");
        AtomicFile.Write(Path.Combine(directory, PageName), stream => stream.Write(new UTF8Encoding(false).GetBytes(html.ToString())));
        return PageName;
    }

    private static string Label(ReportSubject s) => s.Age is { } age ? $"{s.Id} (age {ReportNumbers.Years(age)})" : s.Id;
}
