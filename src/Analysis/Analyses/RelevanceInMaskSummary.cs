using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Analyses;

/// <summary>One value of the long table: a subject's average relevance in a mask ("PVS", "WMH") or over the whole map ("Expected").</summary>
public sealed record RelevanceInMaskValue(string Panel, string Subject, string Var, double A, double ATransformed);

/// <summary>summarySE of one panel and group on the transformed values: N, mean, sd, se and the 95 % t half-width ci.</summary>
public sealed record RelevanceInMaskGroup(string Panel, string Var, int N, double Mean, double Sd, double Se, double Ci);

public sealed record RelevanceInMaskResult(IReadOnlyList<RelevanceInMaskValue> Values, IReadOnlyList<RelevanceInMaskGroup> Summary);

/// <summary>
/// pvs_stats.R (figure 5): is relevance per voxel higher inside PVS and lesions than expected from the whole map?
/// Panels T1 and FLAIR take the PVS tables' subjects with <c>n_pvs_voxel &gt; 0</c>, panel WML the subjects with more than
/// <c>[params.wml].min_voxels</c> lesion voxels; each subject gives two values in long format, its mask's average
/// (<c>a_pvs_voxel</c> or <c>a_wml_voxel</c>, var "PVS"/"WMH") and its whole map's (<c>a_voxel</c>, var "Expected"),
/// transformed as the script does with <c>log1p(a + 1)</c> = log(a + 2). In the WML panel every value equal to the
/// largest transformed value is dropped as the outlier (<c>subset(df1, a_transformed &lt; max(a_transformed))</c>).
/// summarySE runs with na.rm = FALSE, so a missing value makes its group's statistics missing; groups are in R's order.
/// </summary>
public static class RelevanceInMaskSummary
{
    public const string ValuesFileName = "pvs_stats_long.csv";
    public const string SummaryFileName = "pvs_stats_summarySE.csv";

    public static readonly CsvLayout<RelevanceInMaskValue> ValuesLayout = new(
        ("panel", v => v.Panel), ("subject", v => v.Subject), ("var", v => v.Var),
        ("a", v => CsvTableWriter.Format(v.A)), ("a_transformed", v => CsvTableWriter.Format(v.ATransformed)));

    public static readonly CsvLayout<RelevanceInMaskGroup> SummaryLayout = new(
        ("panel", g => g.Panel), ("var", g => g.Var), ("N", g => CsvTableWriter.Format(g.N)),
        ("a_transformed", g => CsvTableWriter.Format(g.Mean)), ("sd", g => CsvTableWriter.Format(g.Sd)),
        ("se", g => CsvTableWriter.Format(g.Se)), ("ci", g => CsvTableWriter.Format(g.Ci)));

    /// <param name="pvsT1">The T1 sub-ensembles' PVS table (the script reads T1-FLAIR.PVS_t1-subens.csv).</param>
    /// <param name="pvsFlair">The FLAIR sub-ensembles' PVS table (T1-FLAIR.PVS_flair-subens.csv).</param>
    /// <param name="wml">WMlesion.csv.</param>
    public static RelevanceInMaskResult Run(IReadOnlyList<MaskMetricsRow> pvsT1, IReadOnlyList<MaskMetricsRow> pvsFlair,
        IReadOnlyList<MaskMetricsRow> wml, int minWmlVoxels)
    {
        var values = new List<RelevanceInMaskValue>();
        values.AddRange(Panel("T1", "PVS", pvsT1.Where(r => r.Metrics.NFeatureVoxel > 0).ToList()));
        values.AddRange(Panel("FLAIR", "PVS", pvsFlair.Where(r => r.Metrics.NFeatureVoxel > 0).ToList()));
        var lesions = Panel("WML", "WMH", wml.Where(r => r.Metrics.NFeatureVoxel > 0 && r.Metrics.NFeatureVoxel > minWmlVoxels).ToList());
        values.AddRange(DropLargest(lesions));
        var summary = values
            .GroupBy(v => (v.Panel, v.Var))
            .OrderBy(g => PanelOrder(g.Key.Panel)).ThenBy(g => g.Key.Var, StringComparer.Ordinal)
            .Select(g => Summarise(g.Key.Panel, g.Key.Var, g.Select(v => v.ATransformed).ToArray()))
            .ToList();
        return new RelevanceInMaskResult(values, summary);
    }

    public static (string Values, string Summary) Write(RelevanceInMaskResult result, ResultsLayout layout)
    {
        var values = ResultsLayout.In(layout.Pvs, ValuesFileName);
        var summary = ResultsLayout.In(layout.Pvs, SummaryFileName);
        ValuesLayout.Write(values, result.Values);
        SummaryLayout.Write(summary, result.Summary);
        return (values, summary);
    }

    /// <summary>The script's transform: log1p(a + 1).</summary>
    public static double Transform(double a) => double.LogP1(a + 1);

    private static IEnumerable<RelevanceInMaskValue> Panel(string panel, string maskVar, IReadOnlyList<MaskMetricsRow> rows) =>
    [
        .. rows.Select(r => new RelevanceInMaskValue(panel, r.Subject, maskVar, r.Metrics.AFeatureVoxel, Transform(r.Metrics.AFeatureVoxel))),
        .. rows.Select(r => new RelevanceInMaskValue(panel, r.Subject, "Expected", r.Metrics.AVoxel, Transform(r.Metrics.AVoxel))),
    ];

    /// <summary>R's <c>x &lt; max(x)</c>: drops every value equal to the maximum; with a missing value the maximum is NA and nothing is kept.</summary>
    private static IEnumerable<RelevanceInMaskValue> DropLargest(IEnumerable<RelevanceInMaskValue> values)
    {
        var list = values.ToList();
        if (list.Count == 0 || list.Any(v => double.IsNaN(v.ATransformed))) return [];
        var max = list.Max(v => v.ATransformed);
        return list.Where(v => v.ATransformed < max);
    }

    private static RelevanceInMaskGroup Summarise(string panel, string var, double[] values)
    {
        if (values.Any(double.IsNaN)) return new RelevanceInMaskGroup(panel, var, values.Length, double.NaN, double.NaN, double.NaN, double.NaN);
        var s = GroupSummary.Of(values);
        return new RelevanceInMaskGroup(panel, var, s.N, s.Mean, s.Sd, s.Se, s.Ci);
    }

    private static int PanelOrder(string panel) => panel switch { "T1" => 0, "FLAIR" => 1, _ => 2 };
}
