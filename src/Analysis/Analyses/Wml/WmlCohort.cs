using RelevanceRelated.Analysis.Features;

namespace RelevanceRelated.Analysis.Analyses.Wml;

/// <summary>WMlesion.csv for the cohort and the subjects whose lesion load enters the statistics.</summary>
public sealed record WmlResult(IReadOnlyList<MaskMetricsRow> Table, IReadOnlyList<MaskMetricsRow> Analysed, int MinVoxels);

/// <summary>
/// The cohort side of the WML analysis: every subject with a lesion map is a row of WMlesion.csv (as the original wrote
/// it); only subjects with more than <c>[params.wml].min_voxels</c> lesion voxels (pvs_stats.R: <c>n_wml_voxel &gt; 30</c>)
/// enter the statistics.
/// </summary>
public static class WmlCohort
{
    public const string FileName = "WMlesion.csv";
    public const string SubjectColumn = "sic";

    public static WmlResult Run(IEnumerable<MaskMetricsRow> rows, int minVoxels)
    {
        if (minVoxels < 0) throw new InvalidInputException($"[params.wml].min_voxels = {minVoxels}; expected 0 or more.");
        var table = rows.ToList();
        foreach (var row in table)
            if (row.Metrics.Feature != MaskFeature.Wml)
                throw new InvalidInputException($"WML: the row of '{row.Subject}' holds {row.Metrics.Feature.Name()} metrics, not wml.");
        return new WmlResult(table, table.Where(r => r.Metrics.NFeatureVoxel > minVoxels).ToList(), minVoxels);
    }

    public static string Write(WmlResult result, ResultsLayout layout)
    {
        var path = ResultsLayout.In(layout.Wml, FileName);
        MaskMetricsTable.Layout(MaskFeature.Wml, SubjectColumn).Write(path, result.Table);
        return path;
    }
}
