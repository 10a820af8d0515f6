namespace RelevanceRelated.Analysis.Statistics;

/// <summary>Cohen's d: the difference of two group means over their pooled standard deviation.</summary>
public static class CohensD
{
    /// <summary>(mean(a) − mean(b)) / s_pooled, s_pooled² = ((n_a−1)s_a² + (n_b−1)s_b²)/(n_a+n_b−2); NaN values dropped.</summary>
    public static double Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sa = GroupSummary.Of(a);
        var sb = GroupSummary.Of(b);
        if (sa.N < 2 || sb.N < 2)
            throw new InvalidInputException($"Cohen's d needs at least 2 values per group; got {sa.N} and {sb.N}.");
        var pooled = Math.Sqrt(((sa.N - 1) * sa.Sd * sa.Sd + (sb.N - 1) * sb.Sd * sb.Sd) / (sa.N + sb.N - 2));
        return (sa.Mean - sb.Mean) / pooled;
    }
}
