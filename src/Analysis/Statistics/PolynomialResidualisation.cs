namespace RelevanceRelated.Analysis.Statistics;

/// <summary>A variable with a polynomial trend of another removed, and the fit that removed it.</summary>
public sealed record Residualisation(string Column, double[] Corrected, OlsResult Fit);

/// <summary>
/// The original's <c>correct_data_for(var2cor, correct_for, data, deg)</c>: fit y on a polynomial of x of the given
/// degree over the rows with both values, and subtract the fitted polynomial, giving the column
/// <c>poly-{deg}-corrected_{y}</c>. Rows missing either value get NaN (the original's NaN − fit).
/// </summary>
public static class PolynomialResidualisation
{
    /// <summary>The original's name for the corrected column, e.g. <c>poly-3-corrected_dba</c>.</summary>
    public static string ColumnName(string y, int degree) => $"poly-{degree}-corrected_{y}";

    public static Residualisation Residualise(string yName, ReadOnlySpan<double> y, string xName, ReadOnlySpan<double> x, int degree)
    {
        if (y.Length != x.Length) throw new InvalidInputException($"'{yName}' has {y.Length} values but '{xName}' has {x.Length}.");
        PolynomialTerms.RequireDegree(degree, "--degree");
        double mean = 0;
        var count = 0;
        for (var i = 0; i < x.Length; i++) if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) { mean += x[i]; count++; }
        if (count <= degree + 1)
            throw new InvalidInputException($"Removing a degree-{degree} polynomial of '{xName}' from '{yName}' needs more than {degree + 1} rows with both values; got {count}.");
        mean /= count;
        double ss = 0;
        for (var i = 0; i < x.Length; i++) if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) ss += (x[i] - mean) * (x[i] - mean);
        var sd = Math.Sqrt(ss / (count - 1));
        if (!(sd > 0)) throw new InvalidInputException($"'{xName}' does not vary among the rows with both values; no trend can be fitted.");

        // Raw powers of an 80-year-old's age reach 5e5; centring and scaling first keeps the design well conditioned
        // and leaves the fitted polynomial, hence the residuals, unchanged.
        var scaled = new double[x.Length];
        for (var i = 0; i < x.Length; i++) scaled[i] = (x[i] - mean) / sd;
        var fit = OrdinaryLeastSquares.Fit(y, PolynomialTerms.Raw(xName, scaled, degree));
        return new Residualisation(ColumnName(yName, degree), fit.Residuals, fit);
    }
}
