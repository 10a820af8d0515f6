using System.Net;
using System.Text;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (figures embedded as base64 PNG; also linked beside it) with the
/// statistics summary, the regional correlations, per-subject heatmaps and links to the CSV tables and maps.
/// </summary>
public static class ReportPage
{
    public const string FileName = "report.html";

    /// <param name="figures">Figure title and its PNG, path relative to the page; embedded and linked.</param>
    /// <param name="links">Further files (tables, maps, heatmaps) as relative paths, listed as links.</param>
    public static string Render(string cohort, IReadOnlyList<ReportTable> tables, IReadOnlyList<(string Title, string RelativePath, byte[] Png)> figures,
        IReadOnlyList<string> links)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>RelevanceRelated cohort ")
            .Append(E(cohort)).Append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:0.85em}" +
                "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}figure{display:inline-block;margin:0.5em}</style></head><body>\n")
            .Append("<h1>Cohort ").Append(E(cohort)).Append("</h1>\n");
        foreach (var table in tables)
        {
            html.Append("<h2>").Append(E(table.Name)).Append("</h2>\n<p><a href=\"tables/").Append(E(table.Name)).Append(".csv\">tables/")
                .Append(E(table.Name)).Append(".csv</a></p>\n<table><tr>");
            foreach (var h in table.Header) html.Append("<th>").Append(E(h)).Append("</th>");
            html.Append("</tr>\n");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                foreach (var cell in row) html.Append("<td>").Append(E(Shorten(cell))).Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }
        html.Append("<h2>Figures</h2>\n");
        foreach (var (title, path, png) in figures)
            html.Append("<figure><a href=\"").Append(E(path)).Append("\"><img alt=\"").Append(E(title)).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(png)).Append("\"></a><figcaption>").Append(E(title)).Append("</figcaption></figure>\n");
        var heatmaps = links.Where(l => l.StartsWith("heatmaps/", StringComparison.Ordinal) && l.EndsWith(".png", StringComparison.Ordinal)).ToList();
        if (heatmaps.Count > 0) html.Append("<h2>Relevance heatmaps</h2>\n");
        // Heatmaps are many and large: shown from the files beside the page rather than embedded.
        foreach (var path in heatmaps)
            html.Append("<figure><img alt=\"").Append(E(path)).Append("\" src=\"").Append(E(path)).Append("\" width=\"600\"><figcaption>")
                .Append(E(path)).Append("</figcaption></figure>\n");
        html.Append("<h2>Files</h2>\n<ul>\n");
        foreach (var link in links) html.Append("<li><a href=\"").Append(E(link)).Append("\">").Append(E(link)).Append("</a></li>\n");
        html.Append("</ul>\n</body></html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Round-trip numbers are long; the page shows 4 significant digits (the CSV keeps all).</summary>
    private static string Shorten(string cell) =>
        double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && cell.Length > 8
            ? ReportTable.Short(v) : cell;
}
