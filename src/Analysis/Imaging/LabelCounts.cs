namespace RelevanceRelated.Analysis.Imaging;

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
