using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Reports;

/// <summary>
/// Cohort statistics from the subjects' recorded values, one <see cref="CohortSummary"/> per brain-age model
/// (a model is any <c>brainage.MODEL.prediction</c> key): accuracy, DBA distribution, relevance in PVS against
/// the share their volume predicts, and each region's relevance against age (Bonferroni and BH over regions).
/// </summary>
public static class CohortStatistics
{
    public const string SummaryName = "statistics";
    public const string RegionsName = "regional_correlations";

    public static IReadOnlyList<string> Models(IReadOnlyList<CohortSubject> subjects) =>
        subjects.SelectMany(s => s.Values.Keys)
            .Where(k => k.StartsWith("brainage.", StringComparison.Ordinal) && k.EndsWith(".prediction", StringComparison.Ordinal))
            .Select(k => k["brainage.".Length..^".prediction".Length]).Distinct().Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<CohortSummary> Summarise(IReadOnlyList<CohortSubject> subjects) =>
        Models(subjects).Select(m => Summarise(subjects, m)).ToList();

    public static CohortSummary Summarise(IReadOnlyList<CohortSubject> subjects, string model)
    {
        var age = subjects.Select(s => s.Age ?? double.NaN).ToArray();
        var predicted = subjects.Select(s => s.Value($"brainage.{model}.prediction")).ToArray();
        var (a, p) = MissingValues.CompletePairs(age, predicted);
        var mae = a.Length == 0 ? double.NaN : a.Zip(p, (x, y) => Math.Abs(y - x)).Average();
        CorrelationResult? correlation = a.Length >= 3 ? PearsonCorrelation.Test(a, p) : null;

        var dba = subjects.Select(s => s.Value($"brainage.{model}.dba")).Where(v => !double.IsNaN(v)).ToArray();
        var dbaMean = dba.Length == 0 ? double.NaN : dba.Average();
        var dbaSd = dba.Length < 2 ? double.NaN : Math.Sqrt(dba.Sum(v => (v - dbaMean) * (v - dbaMean)) / (dba.Length - 1));

        var observed = subjects.Select(s => s.Value($"features.{model}.pvs.p_pvs_voxel")).ToArray();
        var expected = subjects.Select(s => s.Value($"features.{model}.pvs.p_voxel")).ToArray();
        var test = PairedTTest.Run(observed, expected);
        var (o, e) = MissingValues.CompletePairs(observed, expected);

        return new CohortSummary(model, a.Length, mae, correlation, dbaMean, dbaSd,
            o.Length == 0 ? double.NaN : o.ToArray().Average(), e.Length == 0 ? double.NaN : e.ToArray().Average(), test,
            Regional(subjects, model, age));
    }

    private static IReadOnlyList<RegionalCorrelation> Regional(IReadOnlyList<CohortSubject> subjects, string model, double[] age)
    {
        var names = subjects.SelectMany(s => s.Regions.TryGetValue(model, out var r) ? r.Keys : []).Distinct().Order(StringComparer.Ordinal).ToList();
        var tested = new List<(string Region, CorrelationResult Result)>();
        foreach (var name in names)
        {
            var relevance = subjects.Select(s => s.Regions.TryGetValue(model, out var r) && r.TryGetValue(name, out var v) ? v : double.NaN).ToArray();
            var (x, y) = MissingValues.CompletePairs(relevance, age);
            // A correlation needs 3 pairs and variation in both variables.
            if (x.Length < 3 || Variance(x) == 0 || Variance(y) == 0) continue;
            tested.Add((name, PearsonCorrelation.Test(x, y)));
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
