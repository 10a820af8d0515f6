using System.Text;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Reports.Figures;
using RelevanceRelated.Analysis.Reports.Viewer;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// Writes a cohort's report under a directory (every file atomically): <c>tables/statistics.csv</c>,
/// <c>tables/regional_correlations.csv</c>, <c>tables/cohort_features.csv</c>, <c>figures/*.png</c>, <c>report.html</c>
/// (figures embedded) and <c>viewer.html</c>. Maps, heatmaps and the viewer's volumes are written by the caller
/// beforehand and named in <see cref="CohortReportInput"/>.
/// </summary>
public static class CohortReport
{
    /// <returns>Every file written (paths relative to <paramref name="directory"/>).</returns>
    public static IReadOnlyList<string> Write(CohortReportInput input, string directory)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var rows = input.Rows;
        ReportTable[] tables = [CohortStatistics.SummaryTable(input.Summaries), CohortStatistics.RegionsTable(input.Summaries), CohortFeatureTable.Build(rows)];
        var written = new List<string>();
        foreach (var table in tables)
        {
            table.WriteCsv(Path.Combine(directory, "tables"));
            written.Add($"tables/{table.Name}.csv");
        }

        var figures = new List<ReportFigure?> { AgeFigure.Create(rows, input.Summaries) };
        foreach (var s in input.Summaries)
        {
            figures.Add(DbaFigure.Create(rows, s));
            figures.Add(MaskRelevanceFigure.Create(rows, s.Model, input.Configuration.Params.Wml.MinVoxels));
        }
        var regional = new Dictionary<string, IReadOnlyList<ReportFigure>>(StringComparer.Ordinal);
        foreach (var analysis in input.RegionalAnalyses)
        {
            ReportFigure?[] drawn = [LollipopFigure.Create(analysis), input.RegionLabels is { } labels ? RegionMapFigure.Create(analysis, labels) : null];
            regional[analysis.Id] = [.. drawn.OfType<ReportFigure>()];
        }
        var shown = figures.OfType<ReportFigure>().ToList();
        foreach (var figure in shown.Concat(regional.Values.SelectMany(f => f)))
        {
            AtomicFile.Write(Path.Combine(directory, figure.File), stream => stream.Write(figure.Png));
            written.Add(figure.File);
        }

        var page = ReportPage.Render(input, shown, regional, [.. written.Where(f => f.StartsWith("tables/", StringComparison.Ordinal)),
            .. File.Exists(Path.Combine(directory, "tables", "subjects.csv")) ? ["tables/subjects.csv"] : Array.Empty<string>()]);
        AtomicFile.Write(Path.Combine(directory, ReportPage.FileName), stream => stream.Write(new UTF8Encoding(false).GetBytes(page)));
        written.Add(ReportPage.FileName);
        written.Add(ReportViewer.WritePage(input, directory));
        return written;
    }
}
