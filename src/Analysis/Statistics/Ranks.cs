namespace RelevanceRelated.Analysis.Statistics;

/// <summary>Ranks with ties given their average rank (R: rank(x, ties.method = "average")).</summary>
public static class Ranks
{
    public static double[] Average(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            // Positions start..end-1 share the ranks start+1..end; their mean is (start+1+end)/2.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++) ranks[order[k]] = rank;
            start = end;
        }
        return ranks;
    }
}
