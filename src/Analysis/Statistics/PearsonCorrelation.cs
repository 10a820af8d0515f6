namespace RelevanceRelated.Analysis.Statistics;

/// <summary>Pearson's product-moment correlation with its t-test and Fisher-z interval, as R's cor.test.</summary>
public static class PearsonCorrelation
{
    /// <summary>r of complete pairs (NaN in either value drops the pair).</summary>
    public static CorrelationResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double confidence = 0.95)
    {
        var (xs, ys) = MissingValues.CompletePairs(x, y);
        var n = xs.Length;
        if (n < 3) throw new InvalidInputException($"Pearson correlation needs at least 3 complete pairs; got {n}.");
        var r = Coefficient(xs, ys);
        var df = n - 2;
        var t = Math.Sqrt(df) * r / Math.Sqrt(1 - r * r);
        var p = PValue(r, df);
        double low = double.NaN, high = double.NaN;
        if (n > 3)
        {
            var z = Math.Atanh(r);
            var halfWidth = Distributions.NormalQuantile((1 + confidence) / 2) / Math.Sqrt(n - 3);
            low = Math.Tanh(z - halfWidth);
            high = Math.Tanh(z + halfWidth);
        }
        return new CorrelationResult(n, r, t, df, p, low, high);
    }

    /// <summary>cor.test's two-sided p of r on <paramref name="df"/> = n − 2 degrees of freedom (0 when |r| = 1).</summary>
    public static double PValue(double r, int df)
    {
        if (Math.Abs(r) >= 1) return 0;
        return Distributions.StudentTTwoSided(Math.Sqrt(df) * r / Math.Sqrt(1 - r * r), df);
    }

    /// <summary>r of two equally long, complete samples; two passes (means first) as R's cor does.</summary>
    public static double Coefficient(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        var r = sxy / Math.Sqrt(sxx * syy);
        // Rounding can push |r| a hair past 1; R clamps the same way.
        return Math.Clamp(r, -1, 1);
    }
}
