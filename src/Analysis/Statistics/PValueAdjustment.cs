namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Adjusted p-values as R's p.adjust: NaN entries stay NaN and do not count towards the number of tests,
/// unless a larger number of tests is given (e.g. structures × 2 hemispheres, as the original's Bonferroni factors).
/// </summary>
public static class PValueAdjustment
{
    public static double[] Adjust(ReadOnlySpan<double> p, PAdjustMethod method, int? numberOfTests = null)
    {
        var present = new List<int>(p.Length);
        for (var i = 0; i < p.Length; i++)
        {
            if (double.IsNaN(p[i])) continue;
            if (p[i] < 0 || p[i] > 1) throw new InvalidInputException($"p-value {p[i]} at position {i} is outside [0, 1].");
            present.Add(i);
        }
        var lp = present.Count;
        var n = numberOfTests ?? lp;
        if (n < lp) throw new InvalidInputException($"The number of tests ({n}) is smaller than the number of p-values ({lp}).");
        var result = new double[p.Length];
        result.AsSpan().Fill(double.NaN);
        switch (method)
        {
            case PAdjustMethod.None:
                foreach (var i in present) result[i] = p[i];
                break;
            case PAdjustMethod.Bonferroni:
                foreach (var i in present) result[i] = Math.Min(1, n * p[i]);
                break;
            case PAdjustMethod.Holm:
            {
                var values = p.ToArray();
                // Ascending, ties in original order (R's order is stable).
                var order = present.OrderBy(i => values[i]).ToArray();
                var running = double.NegativeInfinity;
                for (var k = 0; k < lp; k++)
                {
                    running = Math.Max(running, (n - k) * values[order[k]]);
                    result[order[k]] = Math.Min(1, running);
                }
                break;
            }
            case PAdjustMethod.BenjaminiHochberg:
            {
                var values = p.ToArray();
                var order = present.OrderByDescending(i => values[i]).ToArray();
                var running = double.PositiveInfinity;
                for (var k = 0; k < lp; k++)
                {
                    var rank = lp - k; // i <- lp:1 in R
                    running = Math.Min(running, (double)n / rank * values[order[k]]);
                    result[order[k]] = Math.Min(1, running);
                }
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown p-value adjustment.");
        }
        return result;
    }
}
