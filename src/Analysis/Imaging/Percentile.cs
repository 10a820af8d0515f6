
namespace RelevanceRelated.Analysis.Imaging;

/// <summary>
/// Percentiles as numpy's default (linear interpolation between the order statistics at (n−1)·q/100),
/// by selection rather than sorting: O(n) on a pooled copy. NaN voxels are ignored.
/// </summary>
public static class Percentile
{
    public static double Of(ReadOnlySpan<float> data, double percent, PercentileScope scope = PercentileScope.All)
    {
        if (!(percent >= 0 && percent <= 100))
            throw new InvalidInputException($"percentile: {percent} is outside 0..100");
        var buffer = LargeBuffers.Floats.Rent(Math.Max(1, data.Length));
        try
        {
            var n = 0;
            foreach (var v in data)
                if (!float.IsNaN(v) && (scope == PercentileScope.All || v != 0)) buffer[n++] = v;
            if (n == 0) return double.NaN;
            var values = buffer.AsSpan(0, n);
            var rank = (n - 1) * percent / 100.0;
            var lo = (int)Math.Floor(rank);
            var frac = rank - lo;
            var a = Select(values, lo);
            if (frac == 0 || lo + 1 >= n) return a;
            // After selection everything right of lo is ≥ a: the next order statistic is their minimum.
            var b = float.PositiveInfinity;
            foreach (var v in values[(lo + 1)..]) if (v < b) b = v;
            return a + (b - a) * frac;
        }
        finally
        {
            LargeBuffers.Floats.Return(buffer);
        }
    }

    /// <summary>The k-th smallest value (0-based); partially reorders <paramref name="values"/> (introselect-style quickselect).</summary>
    internal static float Select(Span<float> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (hi > lo)
        {
            if (hi - lo < 32)
            {
                values[lo..(hi + 1)].Sort();
                return values[k];
            }
            // Median of three pivot; Hoare partition.
            var mid = lo + (hi - lo) / 2;
            var pivot = Median(values[lo], values[mid], values[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return values[k];
        }
        return values[k];
    }

    private static float Median(float a, float b, float c) =>
        a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
}
