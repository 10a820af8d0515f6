namespace RelevanceRelated.Analysis.Reports.Figures;

/// <summary>
/// Gaussian kernel density over the data's range, as ggplot2's violins (stat_ydensity with trim = TRUE) ask R's
/// <c>density()</c> for it: bandwidth <c>bw.nrd0</c> = 0.9 · min(sd, IQR / 1.34) · n^(−1/5), evaluated exactly at
/// evenly spaced points from the minimum to the maximum (R bins onto a grid and convolves by FFT; the curves agree to
/// the eye, which is all a violin needs).
/// </summary>
public static class KernelDensity
{
    public static (double[] At, double[] Density) Estimate(IReadOnlyList<double> values, int points = 128)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return ([], []);
        var sorted = values.Order().ToArray();
        var bandwidth = BandwidthNrd0(sorted);
        var (min, max) = (sorted[0], sorted[^1]);
        if (max == min) return ([min], [1 / (bandwidth * Math.Sqrt(2 * Math.PI))]);
        var at = new double[points];
        var density = new double[points];
        for (var i = 0; i < points; i++)
        {
            at[i] = min + (max - min) * i / (points - 1);
            var sum = 0.0;
            foreach (var v in sorted)
            {
                var z = (at[i] - v) / bandwidth;
                sum += Math.Exp(-0.5 * z * z);
            }
            density[i] = sum / (sorted.Length * bandwidth * Math.Sqrt(2 * Math.PI));
        }
        return (at, density);
    }

    /// <summary>R's bw.nrd0 on sorted values: 0.9 · min(sd, IQR/1.34) · n^(−0.2), falling back to sd, |x₁| or 1 when that is 0.</summary>
    public static double BandwidthNrd0(IReadOnlyList<double> sorted)
    {
        var n = sorted.Count;
        var mean = sorted.Average();
        var sd = n > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : 0;
        var lo = Math.Min(sd, (Quantile7(sorted, 0.75) - Quantile7(sorted, 0.25)) / 1.34);
        if (!(lo > 0)) lo = sd > 0 ? sd : Math.Abs(sorted[0]) > 0 ? Math.Abs(sorted[0]) : 1;
        return 0.9 * lo * Math.Pow(n, -0.2);
    }

    /// <summary>R's quantile type 7 (linear between order statistics at (n − 1)·p).</summary>
    private static double Quantile7(IReadOnlyList<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
