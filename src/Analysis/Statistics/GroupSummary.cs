namespace RelevanceRelated.Analysis.Statistics;

/// <summary>Transform applied to the values before summarising.</summary>
public enum SummaryTransform
{
    None,
    /// <summary>log(a + 2), as the original applied to relevance before its summarySE plots.</summary>
    LogAPlus2,
}

/// <summary>
/// A group's mean with its t confidence interval, as the original's summarySE (Cookbook for R) with na.rm = TRUE:
/// <see cref="Ci"/> is the half-width se · qt((1 + conf)/2, N − 1).
/// </summary>
public sealed record GroupSummary(int N, double Mean, double Sd, double Se, double Ci)
{
    public double CiLow => Mean - Ci;
    public double CiHigh => Mean + Ci;

    public static GroupSummary Of(ReadOnlySpan<double> values, SummaryTransform transform = SummaryTransform.None, double confidence = 0.95)
    {
        var xs = MissingValues.Present(values);
        if (transform == SummaryTransform.LogAPlus2)
            for (var i = 0; i < xs.Length; i++) xs[i] = Math.Log(xs[i] + 2);
        var n = xs.Length;
        if (n == 0) return new GroupSummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        var mean = 0.0;
        foreach (var v in xs) mean += v;
        mean /= n;
        var ss = 0.0;
        foreach (var v in xs) ss += (v - mean) * (v - mean);
        var sd = n > 1 ? Math.Sqrt(ss / (n - 1)) : double.NaN;
        var se = sd / Math.Sqrt(n);
        var ci = n > 1 ? se * Distributions.StudentTQuantile(confidence / 2 + 0.5, n - 1) : double.NaN;
        return new GroupSummary(n, mean, sd, se, ci);
    }
}
