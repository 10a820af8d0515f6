namespace RelevanceRelated.Analysis.Statistics;

/// <summary>Pearson's χ² test of independence: statistic, degrees of freedom, p, and the expected counts.</summary>
public sealed record ChiSquaredResult(double Statistic, int Df, double P, double[,] Expected, bool YatesCorrected);

/// <summary>
/// χ² test of independence on a contingency table, as R's chisq.test(x, correct = ...): Yates' continuity
/// correction applies only to 2×2 tables and only when <c>correct</c> is true (R's default, kept here).
/// </summary>
public static class ChiSquaredTest
{
    public static ChiSquaredResult Test(double[,] counts, bool correct = true)
    {
        int rows = counts.GetLength(0), cols = counts.GetLength(1);
        if (rows < 2 || cols < 2) throw new InvalidInputException($"A χ² test of independence needs at least a 2×2 table; got {rows}×{cols}.");
        var rowSums = new double[rows];
        var colSums = new double[cols];
        var total = 0.0;
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
        {
            var c = counts[i, j];
            if (c < 0 || double.IsNaN(c)) throw new InvalidInputException($"Contingency table cell [{i},{j}] is {c}; counts must be non-negative.");
            rowSums[i] += c;
            colSums[j] += c;
            total += c;
        }
        var expected = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
            expected[i, j] = rowSums[i] * colSums[j] / total;

        var yates = 0.0;
        var corrected = correct && rows == 2 && cols == 2;
        if (corrected)
        {
            // R takes one correction for the whole table: min(0.5, |x − E|) over all cells.
            yates = 0.5;
            for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                yates = Math.Min(yates, Math.Abs(counts[i, j] - expected[i, j]));
        }
        var statistic = 0.0;
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
        {
            var d = Math.Abs(counts[i, j] - expected[i, j]) - yates;
            statistic += d * d / expected[i, j];
        }
        var df = (rows - 1) * (cols - 1);
        return new ChiSquaredResult(statistic, df, Distributions.ChiSquaredUpper(statistic, df), expected, corrected);
    }

    /// <summary>Cross-tabulates two categorical columns (missing entries, null or empty, dropped as R's table) and tests them.</summary>
    public static ChiSquaredResult Test(IReadOnlyList<string?> a, IReadOnlyList<string?> b, bool correct = true)
    {
        if (a.Count != b.Count) throw new InvalidInputException($"The two categorical columns have {a.Count} and {b.Count} entries.");
        static bool Missing(string? s) => string.IsNullOrWhiteSpace(s) || s == "NA";
        var levelsA = new SortedSet<string>(StringComparer.Ordinal);
        var levelsB = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < a.Count; i++)
        {
            if (Missing(a[i]) || Missing(b[i])) continue;
            levelsA.Add(a[i]!);
            levelsB.Add(b[i]!);
        }
        var ia = levelsA.Select((v, k) => (v, k)).ToDictionary(t => t.v, t => t.k);
        var ib = levelsB.Select((v, k) => (v, k)).ToDictionary(t => t.v, t => t.k);
        var table = new double[levelsA.Count, levelsB.Count];
        for (var i = 0; i < a.Count; i++)
        {
            if (Missing(a[i]) || Missing(b[i])) continue;
            table[ia[a[i]!], ib[b[i]!]]++;
        }
        return Test(table, correct);
    }
}
