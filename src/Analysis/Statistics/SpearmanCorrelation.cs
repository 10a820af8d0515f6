namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Spearman's rank correlation with the t-approximation p-value, as R's
/// cor.test(x, y, method = "spearman", exact = FALSE); ties take average ranks.
/// </summary>
public static class SpearmanCorrelation
{
    /// <summary>ρ of complete pairs; the interval fields are NaN (R gives none for Spearman).</summary>
    public static CorrelationResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var (xs, ys) = MissingValues.CompletePairs(x, y);
        var n = xs.Length;
        if (n < 3) throw new InvalidInputException($"Spearman correlation needs at least 3 complete pairs; got {n}.");
        var rho = PearsonCorrelation.Coefficient(Ranks.Average(xs), Ranks.Average(ys));
        // R goes through the statistic S = (n³ − n)(1 − ρ)/6 and back; follow it so the last bits agree.
        double nd = n;
        var s = (nd * nd * nd - nd) * (1 - rho) / 6;
        var r = 1 - s / (nd * (nd * nd - 1) / 6);
        var df = n - 2;
        var t = r / Math.Sqrt((1 - r * r) / df);
        var oneSided = s > (nd * nd * nd - nd) / 6 ? Distributions.StudentTLower(t, df) : Distributions.StudentTUpper(t, df);
        var p = Math.Min(2 * oneSided, 1);
        return new CorrelationResult(n, rho, t, df, p, double.NaN, double.NaN);
    }
}
