namespace RelevanceRelated.Analysis.Configuration;

/// <summary>Finds the known key nearest to a mistyped one (edit distance), for "did you mean" hints.</summary>
public static class KeySuggestion
{
    public static string? Nearest(string unknownKey, IEnumerable<string> knownKeys)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in knownKeys)
        {
            var distance = EditDistance(unknownKey, known);
            if (distance < bestDistance) (best, bestDistance) = (known, distance);
        }
        // Beyond about half the key's length a "suggestion" is noise.
        return best is not null && bestDistance <= Math.Max(2, unknownKey.Length / 2) ? best : null;
    }

    /// <summary>Levenshtein distance, case-insensitive (a wrong case is a near miss, not a different key).</summary>
    public static int EditDistance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
