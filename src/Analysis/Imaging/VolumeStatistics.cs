namespace RelevanceRelated.Analysis.Imaging;

/// <summary>Sum, extremes, mean and non-zero count of voxel values (accumulated in double; NaN voxels are ignored for min/max).</summary>
public readonly record struct VolumeStatistics(double Sum, double Min, double Max, double Mean, long NonZero, long Count)
{
    public static VolumeStatistics Of(ReadOnlySpan<float> data)
    {
        if (data.IsEmpty) return new VolumeStatistics(0, double.NaN, double.NaN, double.NaN, 0, 0);
        double sum = 0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        long nonZero = 0;
        // Blocks of partial sums keep double accumulation accurate and the loop simple for the JIT.
        foreach (var v in data)
        {
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
            if (v != 0) nonZero++;
        }
        return new VolumeStatistics(sum, min, max, sum / data.Length, nonZero, data.Length);
    }
}

/// <summary>Voxel counts per integer label of a label volume (aseg, aparc+aseg, ...).</summary>
public static class LabelCounts
{
    /// <summary>Counts voxels per label; values are rounded to the nearest integer (labels are stored exactly).</summary>
    public static SortedDictionary<int, long> Of(ReadOnlySpan<float> labels)
    {
        var counts = new Dictionary<int, long>();
        var run = 0;
        var current = float.NaN;
        // Label volumes are long runs of one value: count runs, not voxels, in the dictionary.
        foreach (var v in labels)
        {
            if (v == current) { run++; continue; }
            if (run > 0) Add(counts, current, run);
            current = v;
            run = 1;
        }
        if (run > 0) Add(counts, current, run);
        return new SortedDictionary<int, long>(counts);
    }

    private static void Add(Dictionary<int, long> counts, float label, int n)
    {
        if (float.IsNaN(label)) return;
        var key = (int)MathF.Round(label);
        counts[key] = counts.GetValueOrDefault(key) + n;
    }
}
