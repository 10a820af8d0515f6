using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Ordinary least squares with an intercept, solved by Householder QR (as R's lm), reported as summary(lm).
/// Rows with a missing value (NaN) in y or any predictor are dropped.
/// </summary>
public static class OrdinaryLeastSquares
{
    /// <param name="y">The response, one value per row.</param>
    /// <param name="predictors">Named predictor columns, each as long as <paramref name="y"/>.</param>
    public static OlsResult Fit(ReadOnlySpan<double> y, IReadOnlyList<(string Name, double[] Values)> predictors)
    {
        var rows = y.Length;
        foreach (var (name, values) in predictors)
            if (values.Length != rows)
                throw new InvalidInputException($"Predictor '{name}' has {values.Length} values but the response has {rows}.");

        var used = new List<int>(rows);
        for (var i = 0; i < rows; i++)
        {
            if (double.IsNaN(y[i])) continue;
            var complete = true;
            foreach (var (_, values) in predictors)
                if (double.IsNaN(values[i])) { complete = false; break; }
            if (complete) used.Add(i);
        }
        var n = used.Count;
        var p = predictors.Count + 1;
        if (n <= p)
            throw new InvalidInputException($"A model with {p} coefficients needs more than {p} complete rows; got {n}.");

        var x = Matrix<double>.Build.Dense(n, p);
        var yv = Vector<double>.Build.Dense(n);
        for (var k = 0; k < n; k++)
        {
            var i = used[k];
            x[k, 0] = 1;
            for (var j = 0; j < predictors.Count; j++) x[k, j + 1] = predictors[j].Values[i];
            yv[k] = y[i];
        }

        var qr = x.QR(QRMethod.Thin);
        var r = qr.R;
        var scale = 0.0;
        for (var j = 0; j < p; j++) scale = Math.Max(scale, Math.Abs(r[j, j]));
        for (var j = 0; j < p; j++)
        {
            // R's lm pivots aliased columns out (tolerance 1e-7); we refuse them and say which one.
            if (Math.Abs(r[j, j]) <= 1e-7 * scale)
            {
                var term = j == 0 ? "(Intercept)" : predictors[j - 1].Name;
                throw new InvalidInputException($"Predictor '{term}' is collinear with the others (or constant) in the {n} complete rows; the model is not identifiable.");
            }
        }
        var beta = qr.Solve(yv);
        var fitted = x * beta;
        var residuals = yv - fitted;
        var rss = residuals.DotProduct(residuals);
        var rdf = n - p;
        var sigma2 = rss / rdf;

        // (XᵀX)⁻¹ = R⁻¹R⁻ᵀ; only its diagonal is needed for the standard errors.
        var rInverse = r.Inverse();
        var coefficients = new List<OlsCoefficient>(p);
        for (var j = 0; j < p; j++)
        {
            var row = rInverse.Row(j);
            var se = Math.Sqrt(row.DotProduct(row) * sigma2);
            var t = beta[j] / se;
            coefficients.Add(new OlsCoefficient(j == 0 ? "(Intercept)" : predictors[j - 1].Name, beta[j], se, t, Distributions.StudentTTwoSided(t, rdf)));
        }

        var meanFitted = fitted.Sum() / n;
        var mss = 0.0;
        for (var k = 0; k < n; k++) mss += (fitted[k] - meanFitted) * (fitted[k] - meanFitted);
        var rSquared = mss / (mss + rss);
        var adjusted = 1 - (1 - rSquared) * ((n - 1.0) / rdf);
        var numeratorDf = p - 1;
        var f = numeratorDf > 0 ? mss / numeratorDf / sigma2 : double.NaN;
        var fp = numeratorDf > 0 ? Distributions.FisherFUpper(f, numeratorDf, rdf) : double.NaN;

        var allResiduals = new double[rows];
        var allFitted = new double[rows];
        allResiduals.AsSpan().Fill(double.NaN);
        allFitted.AsSpan().Fill(double.NaN);
        for (var k = 0; k < n; k++)
        {
            allResiduals[used[k]] = residuals[k];
            allFitted[used[k]] = fitted[k];
        }
        return new OlsResult(n, coefficients, Math.Sqrt(sigma2), rSquared, adjusted, f, numeratorDf, rdf, fp, allResiduals, allFitted);
    }
}
