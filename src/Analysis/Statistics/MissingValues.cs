namespace RelevanceRelated.Analysis.Statistics;

/// <summary>Missing values are NaN (a table's empty cell or NA); tests drop them pairwise.</summary>
public static class MissingValues
{
    /// <summary>The pairs where both x and y are present (R: complete.cases(x, y)).</summary>
    public static (double[] X, double[] Y) CompletePairs(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
            throw new InvalidInputException($"x has {x.Length} values but y has {y.Length}; paired tests need equal lengths.");
        var n = 0;
        for (var i = 0; i < x.Length; i++) if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) n++;
        var xs = new double[n];
        var ys = new double[n];
        var k = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            xs[k] = x[i];
            ys[k] = y[i];
            k++;
        }
        return (xs, ys);
    }

    /// <summary>The present values of x (R: x[!is.na(x)]).</summary>
    public static double[] Present(ReadOnlySpan<double> x)
    {
        var list = new List<double>(x.Length);
        foreach (var v in x) if (!double.IsNaN(v)) list.Add(v);
        return [.. list];
    }
}
