using System.Text;
using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// Writes a cohort's tables, figures and <c>report.html</c> under a directory (every file atomically):
/// <c>tables/features.csv</c>, <c>tables/statistics.csv</c>, <c>tables/regional_correlations.csv</c>,
/// <c>figures/MODEL_*.png</c> and <c>report.html</c>. Maps and heatmaps are written by the caller beforehand and
/// listed in the page through <paramref name="files"/>.
/// </summary>
public static class CohortReport
{
    /// <returns>Every file written (paths relative to <paramref name="directory"/>).</returns>
    /// <param name="summaries">The cohort's statistics, computed on the cluster from the same rows.</param>
    public static IReadOnlyList<string> Write(
        string cohort, IReadOnlyList<SubjectFeatureRow> rows, IReadOnlyList<CohortSummary> summaries, string directory, IReadOnlyList<string> files)
    {
        ReportTable[] tables = [CohortStatistics.SummaryTable(summaries), CohortStatistics.RegionsTable(summaries), CohortFeatureTable.Build(rows)];
        var written = new List<string>();
        foreach (var table in tables)
        {
            table.WriteCsv(Path.Combine(directory, "tables"));
            written.Add($"tables/{table.Name}.csv");
        }

        var figures = new List<(string Title, string RelativePath, byte[] Png)>();
        foreach (var s in summaries)
        {
            figures.Add(($"{s.Model}: predicted vs chronological age", $"figures/{s.Model}_predicted_vs_age.png", ReportFigures.PredictedVsAge(rows, s)));
            figures.Add(($"{s.Model}: DBA distribution", $"figures/{s.Model}_dba.png", ReportFigures.DbaDistribution(rows, s)));
            figures.Add(($"{s.Model}: relevance in PVS vs expected", $"figures/{s.Model}_pvs_relevance.png", ReportFigures.RelevanceInPvs(rows, s)));
            figures.Add(($"{s.Model}: regional correlations with age", $"figures/{s.Model}_regional_correlations.png", ReportFigures.RegionalCorrelations(s)));
        }
        foreach (var (_, path, png) in figures)
        {
            AtomicFile.Write(Path.Combine(directory, path), stream => stream.Write(png));
            written.Add(path);
        }

        // The feature table can be wide; the page shows the summary and regions in full and links the rest.
        var page = ReportPage.Render(cohort, tables[..2], figures, [.. written, .. files]);
        AtomicFile.Write(Path.Combine(directory, ReportPage.FileName), stream => stream.Write(new UTF8Encoding(false).GetBytes(page)));
        written.Add(ReportPage.FileName);
        return written;
    }
}
