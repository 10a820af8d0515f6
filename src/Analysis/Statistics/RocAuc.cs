namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Exact area under the ROC curve of a score for separating positives from negatives, by ranks (the
/// Mann–Whitney U statistic / (n₊ n₋)): AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ n₋), with tied scores given their
/// average rank, so a tie between a positive and a negative counts one half. NaN when either class is empty.
/// </summary>
public static class RocAuc
{
    /// <summary>AUC of <paramref name="scores"/> for <paramref name="positive"/> among the voxels where <paramref name="include"/> is set (all when null).</summary>
    public static double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positive, ReadOnlySpan<bool> include = default)
    {
        if (positive.Length != scores.Length || (!include.IsEmpty && include.Length != scores.Length))
            throw new ArgumentException("scores, labels and mask must have the same length");
        var n = 0;
        for (var i = 0; i < scores.Length; i++) if (include.IsEmpty || include[i]) n++;
        var keys = new float[n];
        var labels = new bool[n];
        for (int i = 0, k = 0; i < scores.Length; i++)
        {
            if (!include.IsEmpty && !include[i]) continue;
            if (float.IsNaN(scores[i])) throw new ArgumentException($"score {i} is NaN");
            keys[k] = scores[i];
            labels[k++] = positive[i];
        }
        Array.Sort(keys, labels);
        long positives = 0;
        double rankSum = 0;
        for (var start = 0; start < n;)
        {
            var end = start;
            var groupPositives = 0;
            while (end < n && keys[end] == keys[start])
            {
                if (labels[end]) groupPositives++;
                end++;
            }
            // Ranks start + 1 … end share their average.
            rankSum += groupPositives * ((start + 1 + end) / 2.0);
            positives += groupPositives;
            start = end;
        }
        var negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
