using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// Cohort statistics from the subjects' feature rows, one <see cref="CohortSummary"/> per brain-age model: accuracy,
/// DBA distribution, relevance in PVS against the share their volume predicts, and each region's relevance against
/// age (Bonferroni and BH over regions). Cohort grains compute them on the cluster; the console renders them.
/// </summary>
public static class CohortStatistics
{
    public const string SummaryName = "statistics";
    public const string RegionsName = "regional_correlations";

    /// <summary>Every model that predicted for at least one subject, in name order.</summary>
    public static IReadOnlyList<string> Models(IReadOnlyList<SubjectFeatureRow> rows) =>
        rows.SelectMany(r => r.Models.Select(m => m.Model)).Distinct().Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<CohortSummary> Summarise(IReadOnlyList<SubjectFeatureRow> rows) =>
        Models(rows).Select(m => Summarise(rows, m)).ToList();

    public static CohortSummary Summarise(IReadOnlyList<SubjectFeatureRow> rows, string model)
    {
        var features = rows.Select(r => r.Model(model)).ToArray();
        var age = rows.Select(r => r.Age ?? double.NaN).ToArray();
        var predicted = features.Select(f => f?.Prediction.Ensemble ?? double.NaN).ToArray();
        var (a, p) = MissingValues.CompletePairs(age, predicted);
        var mae = a.Length == 0 ? double.NaN : a.Zip(p, (x, y) => Math.Abs(y - x)).Average();
        CorrelationResult? correlation = a.Length >= 3 ? PearsonCorrelation.Test(a, p) : null;

        var dba = features.Select(f => f?.Prediction.Dba ?? double.NaN).Where(v => !double.IsNaN(v)).ToArray();
        var dbaMean = dba.Length == 0 ? double.NaN : dba.Average();
        var dbaSd = dba.Length < 2 ? double.NaN : Math.Sqrt(dba.Sum(v => (v - dbaMean) * (v - dbaMean)) / (dba.Length - 1));

        var observed = features.Select(f => f?.Pvs?.PFeatureVoxel ?? double.NaN).ToArray();
        var expected = features.Select(f => f?.Pvs?.PVoxel ?? double.NaN).ToArray();
        var test = PairedTTest.Run(observed, expected);
        var (o, e) = MissingValues.CompletePairs(observed, expected);

        return new CohortSummary(model, a.Length, mae, correlation, dbaMean, dbaSd,
            o.Length == 0 ? double.NaN : o.ToArray().Average(), e.Length == 0 ? double.NaN : e.ToArray().Average(), test,
            Regional(features, age));
    }

    private static IReadOnlyList<RegionalCorrelation> Regional(ModelFeatures?[] features, double[] age)
    {
        // Region → its sum per subject (NaN where a subject has no value for it), built in one pass over the rows.
        var columns = new Dictionary<(string Atlas, int Label), double[]>();
        for (var i = 0; i < features.Length; i++)
        {
            if (features[i]?.Regions is not { } regions) continue;
            for (var k = 0; k < regions.Labels.Length; k++)
            {
                if (!columns.TryGetValue((regions.Atlas, regions.Labels[k]), out var column))
                {
                    columns[(regions.Atlas, regions.Labels[k])] = column = new double[features.Length];
                    Array.Fill(column, double.NaN);
                }
                column[i] = regions.Sums[k];
            }
        }
        var tested = new List<(string Region, CorrelationResult Result)>();
        foreach (var ((atlas, label), relevance) in columns.Select(c => (c.Key, c.Value)).OrderBy(c => RegionSums.NameOf(c.Key.Atlas, c.Key.Label), StringComparer.Ordinal))
        {
            var (x, y) = MissingValues.CompletePairs(relevance, age);
            // A correlation needs 3 pairs and variation in both variables.
            if (x.Length < 3 || Variance(x) == 0 || Variance(y) == 0) continue;
            tested.Add((RegionSums.NameOf(atlas, label), PearsonCorrelation.Test(x, y)));
        }
        var pValues = tested.Select(t => t.Result.P).ToArray();
        var bonferroni = PValueAdjustment.Adjust(pValues, PAdjustMethod.Bonferroni);
        var bh = PValueAdjustment.Adjust(pValues, PAdjustMethod.BenjaminiHochberg);
        return tested.Select((t, i) => new RegionalCorrelation(t.Region, t.Result.N, t.Result.R, t.Result.T, t.Result.P, bonferroni[i], bh[i]))
            .OrderBy(r => r.P).ThenBy(r => r.Region, StringComparer.Ordinal).ToList();
    }

    private static double Variance(ReadOnlySpan<double> values)
    {
        double mean = 0, sum = 0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return sum;
    }

    /// <summary>One row per model: n, MAE, r with its p, DBA mean and sd, relevance in PVS observed/expected with the paired test.</summary>
    public static ReportTable SummaryTable(IReadOnlyList<CohortSummary> summaries) => new(SummaryName,
        ["model", "n", "mae", "r", "r_p", "r_ci_low", "r_ci_high", "dba_mean", "dba_sd", "pvs_relevance_share", "pvs_expected_share", "pvs_ratio", "pvs_t", "pvs_df", "pvs_p"],
        summaries.Select(s => (IReadOnlyList<string>)
        [
            s.Model, s.N.ToString(System.Globalization.CultureInfo.InvariantCulture), N(s.Mae), N(s.Correlation?.R), N(s.Correlation?.P),
            N(s.Correlation?.CiLow), N(s.Correlation?.CiHigh), N(s.DbaMean), N(s.DbaSd), N(s.PvsShare), N(s.PvsExpectedShare), N(s.PvsRatio),
            N(s.PvsTest.T), s.PvsTest.Df.ToString(System.Globalization.CultureInfo.InvariantCulture), N(s.PvsTest.P),
        ]).ToList());

    /// <summary>Every tested region of every model: n, r, t, p, Bonferroni and BH adjusted p.</summary>
    public static ReportTable RegionsTable(IReadOnlyList<CohortSummary> summaries) => new(RegionsName,
        ["model", "region", "n", "r", "t", "p", "p_bonferroni", "p_fdr_bh"],
        summaries.SelectMany(s => s.Regions.Select(r => (IReadOnlyList<string>)
        [
            s.Model, r.Region, r.N.ToString(System.Globalization.CultureInfo.InvariantCulture), N(r.R), N(r.T), N(r.P), N(r.PBonferroni), N(r.PBenjaminiHochberg),
        ])).ToList());

    private static string N(double? value) => ReportTable.Number(value ?? double.NaN);

    /// <summary>The console summary: one block per model with the top <paramref name="topRegions"/> regional correlations.</summary>
    public static void Print(IReadOnlyList<CohortSummary> summaries, TextWriter output, int topRegions = 5)
    {
        static string S(double v) => ReportTable.Short(v);
        if (summaries.Count == 0) output.WriteLine("no brain-age predictions recorded yet");
        foreach (var s in summaries)
        {
            output.WriteLine($"model {s.Model}: n = {s.N}, MAE = {S(s.Mae)} y, r = {S(s.Correlation?.R ?? double.NaN)} (p = {S(s.Correlation?.P ?? double.NaN)})");
            output.WriteLine($"  DBA = {S(s.DbaMean)} ± {S(s.DbaSd)} y (mean ± sd)");
            output.WriteLine($"  relevance in PVS: share {S(s.PvsShare)} vs expected {S(s.PvsExpectedShare)} (ratio {S(s.PvsRatio)}); " +
                $"paired t({s.PvsTest.Df}) = {S(s.PvsTest.T)}, p = {S(s.PvsTest.P)}");
            if (s.Regions.Count == 0) output.WriteLine("  regional correlations: none (no region tables or fewer than 3 subjects)");
            foreach (var r in s.Regions.Take(topRegions))
                output.WriteLine($"  {r.Region}: r = {S(r.R)}, p = {S(r.P)}, p_bonferroni = {S(r.PBonferroni)}, p_bh = {S(r.PBenjaminiHochberg)} (n = {r.N})");
        }
    }
}
