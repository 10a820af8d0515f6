namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Raw polynomial terms of one column: x, x², …, xᵈ, named <c>x</c>, <c>x^2</c>, … The original fits raw powers
/// (scikit-learn's PolynomialFeatures under statsmodels, numpy's polyfit), which is R's <c>poly(x, d, raw = TRUE)</c>
/// or <c>x + I(x^2) + I(x^3)</c>; R's default orthogonal <c>poly(x, d)</c> has the same fitted values but other coefficients.
/// </summary>
public static class PolynomialTerms
{
    public const int MaxDegree = 10;

    /// <summary>The term names for a column: <c>x</c>, <c>x^2</c>, …</summary>
    public static string Name(string column, int power) => power == 1 ? column : $"{column}^{power}";

    /// <summary>The raw powers 1..<paramref name="degree"/> of <paramref name="x"/> (NaN stays NaN).</summary>
    public static IReadOnlyList<(string Name, double[] Values)> Raw(string column, ReadOnlySpan<double> x, int degree)
    {
        RequireDegree(degree);
        var terms = new List<(string, double[])>(degree);
        for (var d = 1; d <= degree; d++)
        {
            var values = new double[x.Length];
            for (var i = 0; i < x.Length; i++) values[i] = IntegerPower(x[i], d);
            terms.Add((Name(column, d), values));
        }
        return terms;
    }

    public static void RequireDegree(int degree, string what = "degree")
    {
        if (degree is < 1 or > MaxDegree) throw new InvalidInputException($"{what}: {degree} is not a polynomial degree in 1..{MaxDegree}.");
    }

    /// <summary>x^d by repeated multiplication, as R's x^2 and numpy's x**2 for small integer powers.</summary>
    private static double IntegerPower(double x, int d)
    {
        var result = x;
        for (var k = 1; k < d; k++) result *= x;
        return result;
    }
}
