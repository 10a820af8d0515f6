using System.Text;
using RelevanceRelated.Analysis.Reports.Figures;
using RelevanceRelated.Analysis.Reports.Page;
using RelevanceRelated.Analysis.Reports.Viewer;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// <c>report.html</c>: one page a neuroscientist reads from top to bottom. The header says what produced the results
/// (cohort, n, date, software, configuration version and fingerprint, models with their recipes, LRP rule, failed
/// subjects); then the key results as sentences, the figures (embedded, so the page works on its own), the regional
/// analyses, the cohort maps and per-subject heatmaps (image files beside the page), the sortable per-subject table, the
/// methods with references and what every column of every table means. Nothing is loaded from the network.
/// </summary>
public static class ReportPage
{
    public const string FileName = "report.html";

    /// <param name="figures">The cohort figures in the order shown (embedded as PNG data).</param>
    /// <param name="regionalFigures">Per regional analysis id, its lollipop and region map (either may be missing).</param>
    /// <param name="tables">The CSV tables written beside the page (relative paths).</param>
    public static string Render(CohortReportInput input, IReadOnlyList<ReportFigure> figures,
        IReadOnlyDictionary<string, IReadOnlyList<ReportFigure>> regionalFigures, IReadOnlyList<string> tables)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(regionalFigures);
        ArgumentNullException.ThrowIfNull(tables);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E($"{SoftwareVersion.Product} report: cohort {input.Cohort}")).Append("</title>\n<style>")
            .Append(EmbeddedAsset.Read(EmbeddedAsset.ReportCss)).Append("</style></head><body>\n");
        Header(html, input);
        html.Append("<main>\n");
        Section(html, "findings", "Key results");
        html.Append("<ul class=\"findings\">\n");
        foreach (var sentence in KeyFindings.Sentences(input)) html.Append("<li>").Append(Html.E(sentence)).Append("</li>\n");
        html.Append("</ul>\n");

        Section(html, "figures", "Figures");
        if (figures.Count == 0) html.Append("<p class=\"note\">No figure: no subject has a prediction yet.</p>\n");
        foreach (var figure in figures) Figure(html, figure);

        Section(html, "regional", "Regional analyses");
        if (input.RegionalAnalyses.Count == 0) html.Append("<p class=\"note\">No regional analysis: no model has predicted yet.</p>\n");
        foreach (var analysis in input.RegionalAnalyses) Regional(html, analysis, regionalFigures.GetValueOrDefault(analysis.Id) ?? []);

        Section(html, "maps", "Relevance maps");
        Maps(html, input);

        Section(html, SubjectTable.Id, "Subjects");
        html.Append("<p class=\"note\">One row per submitted subject; click a column header to sort by it (again to reverse). ")
            .Append("Every column is explained under <a href=\"#columns\">Columns explained</a>.</p>\n")
            .Append(SubjectTable.Render(input));

        Section(html, "methods", "Methods");
        var (paragraphs, references) = MethodsText.Write(input);
        html.Append("<p class=\"note\">Generated from the configuration that produced these results; meant to be copied into a paper and edited.</p>\n");
        foreach (var paragraph in paragraphs) html.Append("<p class=\"methods\">").Append(Html.E(paragraph)).Append("</p>\n");
        html.Append("<h3>References</h3>\n<ol class=\"references\">\n");
        foreach (var reference in references)
        {
            html.Append("<li>").Append(Html.E(reference.Text));
            if (reference.Doi is { } doi) html.Append(" doi:").Append(Html.E(doi));
            html.Append("</li>\n");
        }
        html.Append("</ol>\n");

        Section(html, "columns", "Columns explained");
        foreach (var table in ColumnGlossary.Tables(input))
        {
            html.Append("<h3>").Append(Html.E(table.Table)).Append("</h3>\n<p class=\"note\">A row is ").Append(Html.E(table.Rows)).Append(".</p>\n<dl class=\"facts\">\n");
            foreach (var (column, meaning) in table.Columns)
                html.Append("<dt><code>").Append(Html.E(column)).Append("</code></dt><dd>").Append(Html.E(meaning)).Append("</dd>\n");
            html.Append("</dl>\n");
        }

        Section(html, "files", "Files");
        html.Append("<ul>\n");
        foreach (var table in tables) html.Append("<li><a href=\"").Append(Html.Href(table)).Append("\">").Append(Html.E(table)).Append("</a></li>\n");
        html.Append("<li>maps/: each subject's NIfTI maps (linked in the subject table); heatmaps/: the heatmap images; figures/: every figure as PNG</li>\n</ul>\n");
        html.Append("</main>\n<script>").Append(EmbeddedAsset.Read(EmbeddedAsset.ReportJs)).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, CohortReportInput input)
    {
        var c = input.Configuration;
        var failed = input.FailedSubjects;
        html.Append("<header>\n<h1>Cohort ").Append(Html.E(input.Cohort)).Append(": brain age and its relevance</h1>\n<dl class=\"facts\">\n");
        Fact(html, "subjects", $"{input.Subjects.Count} submitted, {input.Subjects.Count - failed.Count} analysed, {failed.Count} failed");
        Fact(html, "generated", input.Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        Fact(html, "software", $"{SoftwareVersion.Product} {input.Software}");
        Fact(html, "configuration", $"version {c.Version}, fingerprint {c.Fingerprint}" +
            (c.Parameters.Count > 0 ? "; " + string.Join(", ", c.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value}")) : ""));
        foreach (var model in c.Models)
            Fact(html, $"model {model.Name}", $"{model.Sequence.ToUpperInvariant()}, {model.Files.Count} base model{(model.Files.Count == 1 ? "" : "s")}; recipe: {MethodsText.DescribeRecipe(model.Recipe)}");
        foreach (var name in c.UndescribedModels) Fact(html, $"model {name}", "not described: the configuration this report was exported with has no such model");
        Fact(html, "LRP rule", $"{c.Rule.Name}: convolutions {c.Rule.Convolution.Name}, dense {c.Rule.Dense.Name}" + (c.Rule.First is { } f ? $", first layer {f.Name}" : ""));
        Fact(html, "PVS method", c.PvsMethod);
        html.Append("<dt>failed subjects</dt><dd>");
        if (failed.Count == 0) html.Append("none");
        else
        {
            html.Append("<ul class=\"failed\">");
            foreach (var s in failed)
                html.Append("<li><a href=\"#").Append(Html.Anchor("subject-", s.Id)).Append("\">").Append(Html.E(s.Id)).Append("</a>: ")
                    .Append(Html.E(s.FailedStage)).Append(" failed: ").Append(Html.E(s.Error)).Append("</li>");
            html.Append("</ul>");
        }
        html.Append("</dd>\n</dl>\n<nav><a href=\"#findings\">Key results</a><a href=\"#figures\">Figures</a><a href=\"#regional\">Regional analyses</a>")
            .Append("<a href=\"#maps\">Relevance maps</a><a href=\"#subjects\">Subjects</a><a href=\"").Append(ReportViewer.PageName)
            .Append("\">Viewer</a><a href=\"#methods\">Methods</a><a href=\"#columns\">Columns explained</a><a href=\"#files\">Files</a></nav>\n</header>\n");
    }

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(Html.E(name)).Append("</dt><dd>").Append(Html.E(value)).Append("</dd>\n");

    private static void Section(StringBuilder html, string id, string title) =>
        html.Append("<h2 id=\"").Append(id).Append("\">").Append(Html.E(title)).Append("</h2>\n");

    private static void Figure(StringBuilder html, ReportFigure figure) =>
        html.Append("<figure><a href=\"").Append(Html.Href(figure.File)).Append("\"><img alt=\"").Append(Html.E(figure.Title)).Append("\" src=\"")
            .Append(Html.DataUri("image/png", figure.Png)).Append("\"></a><figcaption><b>").Append(Html.E(figure.Title)).Append(".</b> ")
            .Append(Html.E(figure.Caption)).Append("</figcaption></figure>\n");

    private static void Regional(StringBuilder html, RegionalAnalysis analysis, IReadOnlyList<ReportFigure> figures)
    {
        html.Append("<h3 id=\"").Append(Html.Anchor("regional-", analysis.Id)).Append("\">").Append(Html.E(analysis.Title)).Append("</h3>\n<p>")
            .Append(Html.E(analysis.Question)).Append(" Correction: ").Append(Html.E(analysis.Correction)).Append(", α = ")
            .Append(Html.E(ReportNumbers.Short(analysis.Alpha))).Append(".</p>\n");
        var tested = analysis.Tested;
        if (tested.Count == 0)
        {
            // Said in words rather than drawn as an empty plot.
            html.Append("<p class=\"note\">No region could be tested: it needs region sums (FreeSurfer's aparc+aseg) for at least 3 subjects with an age.</p>\n");
            return;
        }
        foreach (var figure in figures) Figure(html, figure);
        var surviving = analysis.Surviving;
        html.Append("<details").Append(surviving.Count > 0 ? " open" : "").Append("><summary>")
            .Append(surviving.Count).Append(" of ").Append(tested.Count).Append(" tested regions survive correction")
            .Append(surviving.Count > 0 ? "" : $"; the {Math.Min(10, tested.Count)} strongest").Append("</summary>\n")
            .Append("<table class=\"sortable\"><thead><tr><th class=\"text\">region</th><th>n</th><th>r</th><th>p</th><th>corrected p</th></tr></thead><tbody>\n");
        foreach (var r in surviving.Count > 0 ? surviving : tested.Take(10))
            html.Append("<tr>").Append(Html.TextCell(r.Region)).Append(Html.NumberCell(r.N, ReportNumbers.Count(r.N)))
                .Append(Html.NumberCell(r.R, ReportNumbers.R(r.R))).Append(Html.NumberCell(r.P, ReportNumbers.P(r.P)))
                .Append(Html.NumberCell(r.PCorrected, ReportNumbers.P(r.PCorrected))).Append("</tr>\n");
        html.Append("</tbody></table></details>\n");
    }

    private static void Maps(StringBuilder html, CohortReportInput input)
    {
        html.Append("<p class=\"note\">Heatmaps as xai4mri draws them: relevance over the subject's T1, black-fire-red with symmetric limits at the 0.01 % tails, ")
            .Append("opacity |R|^0.2; rows of axial, coronal and sagittal slices spanning the brain, with slice coordinates in mm and side letters. ")
            .Append("Open any map in the <a href=\"").Append(ReportViewer.PageName).Append("\">interactive viewer</a>.</p>\n");
        foreach (var map in input.CohortMaps)
            html.Append("<figure><a href=\"").Append(Html.Href(map.Map)).Append("\"><img alt=\"").Append(Html.E(map.Title)).Append("\" src=\"")
                .Append(Html.Href(map.Heatmap)).Append("\"></a><figcaption><b>").Append(Html.E(map.Title)).Append(".</b> ").Append(Html.E(map.Caption))
                .Append("</figcaption></figure>\n");
        var any = false;
        html.Append("<div class=\"gallery\">\n");
        foreach (var subject in input.Subjects)
        foreach (var (model, path) in subject.Files.Heatmaps.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            any = true;
            html.Append("<figure id=\"").Append(Html.Anchor("heatmap-", subject.Id + "_" + model)).Append("\"><img alt=\"")
                .Append(Html.E($"{subject.Id} {model} relevance heatmap")).Append("\" src=\"").Append(Html.Href(path)).Append("\"><figcaption>")
                .Append(Html.E($"{subject.Id}, {model}")).Append(" · <a href=\"#").Append(Html.Anchor("subject-", subject.Id)).Append("\">table row</a>");
            if (subject.Files.InViewer)
                html.Append(" · <a href=\"").Append(ReportViewer.PageName).Append('#').Append(Uri.EscapeDataString(subject.Id)).Append("\">viewer</a>");
            html.Append("</figcaption></figure>\n");
        }
        html.Append("</div>\n");
        if (any && input.CohortMaps.Count == 0)
            html.Append("<p class=\"note\">No cohort mean relevance map: the subjects' maps are in their native spaces, on grids that differ, ")
                .Append("so a voxel-wise mean would mix anatomy; it needs the maps in a common template space.</p>\n");
        if (!any && input.CohortMaps.Count == 0)
            html.Append("<p class=\"note\">No heatmaps: the export ran without the artifact store (--tables-only) or no relevance map is computed yet.</p>\n");
    }
}
