namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Paired two-sided t-test of x − y against 0, as R's <c>t.test(x, y, paired = TRUE)</c>; pairs with a NaN are dropped.
/// </summary>
public sealed record PairedTTest(int N, double MeanDifference, double T, int Df, double P)
{
    public static PairedTTest Run(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"Paired t-test: x has {x.Length} values, y {y.Length}.");
        var d = new List<double>(x.Length);
        for (var i = 0; i < x.Length; i++)
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) d.Add(x[i] - y[i]);
        var n = d.Count;
        if (n < 2) return new PairedTTest(n, n == 1 ? d[0] : double.NaN, double.NaN, n - 1, double.NaN);
        var mean = d.Average();
        var variance = d.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var t = mean / Math.Sqrt(variance / n);
        return new PairedTTest(n, mean, t, n - 1, double.IsNaN(t) ? double.NaN : Distributions.StudentTTwoSided(t, n - 1));
    }
}
