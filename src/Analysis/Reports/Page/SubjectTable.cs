using System.Text;

namespace RelevanceRelated.Analysis.Reports.Page;

/// <summary>A column of the per-subject table: its header, what it means (for the column glossary) and its cell.</summary>
public sealed record SubjectColumn(string Header, string Meaning, Func<ReportSubject, string> Cell);

/// <summary>
/// The per-subject table: one row per submitted subject (failed ones marked), its covariates, each model's prediction,
/// gap and relevance sum, the PVS census and lesion load, and links to its maps, heatmaps and the viewer. Sortable by
/// any column (report.js); numbers sort by value.
/// </summary>
public static class SubjectTable
{
    public const string Id = "subjects";

    public static IReadOnlyList<SubjectColumn> Columns(IReadOnlyList<string> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var columns = new List<SubjectColumn>
        {
            new("subject", "Participant id, as in the participants file.", s => Html.TextCell(s.Id)),
            new("age (y)", "Chronological age in years, from the participants file.", s => Html.NumberCell(s.Age, ReportNumbers.Years(s.Age ?? double.NaN))),
            new("sex", "Sex as written in the participants file.", s => Html.TextCell(s.Sex ?? "")),
            new("status", "'done' when every stage finished; otherwise the first stage that failed (its error shows on hover and in the header).",
                s => s.Failed ? $"<td class=\"text failed\" title=\"{Html.E(s.Error)}\">failed: {Html.E(s.FailedStage)}</td>" : Html.TextCell("done")),
        };
        foreach (var model in models)
        {
            columns.Add(new($"{model} predicted (y)", $"The {model} sub-ensemble's predicted age in years (its head applied to the base models' predictions).",
                s => Predicted(s, model, p => p.Ensemble, ReportNumbers.Years)));
            columns.Add(new($"{model} DBA (y)", $"Brain-age gap of {model}: predicted minus chronological age, in years; positive means the brain looks older than its age.",
                s => Predicted(s, model, p => p.Dba ?? double.NaN, ReportNumbers.SignedYears)));
            columns.Add(new($"{model} relevance sum", $"Sum of {model}'s relevance map over all voxels (LRP conserves the prediction, so this is close to the predicted age for conserving rules).",
                s => Html.NumberCell(s.Row?.Model(model)?.RelevanceSum, ReportNumbers.Short(s.Row?.Model(model)?.RelevanceSum ?? double.NaN))));
        }
        columns.Add(new("PVS clusters", "Number of perivascular-space clusters after the cluster-size filter (before dilation).",
            s => Html.NumberCell(s.Row?.Pvs?.ClusterCount, ReportNumbers.Count(s.Row?.Pvs?.ClusterCount ?? 0))));
        columns.Add(new("PVS volume (mm³)", "Total volume of those clusters in mm³.",
            s => Html.NumberCell(s.Row?.Pvs?.TotalVolumeMm3, ReportNumbers.Short(s.Row?.Pvs?.TotalVolumeMm3 ?? double.NaN))));
        columns.Add(new("lesion voxels", "Voxels of the lesion probability map above [params.wml].threshold; empty without a lesion map.",
            s => Html.NumberCell(s.Row?.Lesions?.LesionVoxels, ReportNumbers.Count(s.Row?.Lesions?.LesionVoxels ?? 0))));
        columns.Add(new("files", "Links to the subject's maps (NIfTI: relevance per model, PVS mask), its heatmaps in this page and the interactive viewer.", Files));
        return columns;
    }

    public static string Render(CohortReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var columns = Columns(input.Configuration.ModelNames);
        var html = new StringBuilder();
        html.Append("<div class=\"subjects-wrap\"><table class=\"sortable\" id=\"").Append(Id).Append("-table\"><thead><tr>");
        foreach (var column in columns) html.Append("<th scope=\"col\">").Append(Html.E(column.Header)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var subject in input.Subjects)
        {
            html.Append(subject.Failed ? "<tr class=\"failed\" id=\"" : "<tr id=\"").Append(Html.Anchor("subject-", subject.Id)).Append("\">");
            foreach (var column in columns) html.Append(column.Cell(subject));
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></div>\n");
        return html.ToString();
    }

    private static string Predicted(ReportSubject s, string model, Func<Models.BrainAgePrediction, double> value, Func<double, string> format)
    {
        var prediction = s.Row?.Model(model)?.Prediction;
        var v = prediction is null ? double.NaN : value(prediction);
        return Html.NumberCell(v, format(v));
    }

    private static string Files(ReportSubject s)
    {
        var links = new List<string>();
        foreach (var (role, path) in s.Files.Maps.OrderBy(m => m.Key, StringComparer.Ordinal))
            links.Add($"<a href=\"{Html.Href(path)}\">{Html.E(role)}</a>");
        foreach (var (model, _) in s.Files.Heatmaps.OrderBy(m => m.Key, StringComparer.Ordinal))
            links.Add($"<a href=\"#{Html.Anchor("heatmap-", s.Id + "_" + model)}\">heatmap {Html.E(model)}</a>");
        if (s.Files.InViewer) links.Add($"<a href=\"{Viewer.ReportViewer.PageName}#{Uri.EscapeDataString(s.Id)}\">viewer</a>");
        return $"<td class=\"text\">{string.Join(" · ", links)}</td>";
    }
}
