using System.Buffers;

namespace RelevanceRelated.Analysis.Statistics;

/// <summary>
/// Ordinary least squares with an intercept, solved by Householder QR (as R's lm, see <see cref="HouseholderLeastSquares"/>), reported as summary(lm).
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
            for (var j = 0; j < predictors.Count && complete; j++) complete = !double.IsNaN(predictors[j].Values[i]);
            if (complete) used.Add(i);
        }
        var n = used.Count;
        var p = predictors.Count + 1;
        if (n <= p)
            throw new InvalidInputException($"A model with {p} coefficients needs more than {p} complete rows; got {n}.");

        // Column-major design with the intercept first, and a pooled copy the QR overwrites (both are large-object
        // sized for big cohorts; renting them keeps per-region fits free of gen-2 collections).
        var pool = ArrayPool<double>.Shared;
        var design = pool.Rent(n * p);
        var work = pool.Rent(n * p);
        try
        {
            return Fit(y, predictors, used, n, p, design, work);
        }
        finally
        {
            pool.Return(design);
            pool.Return(work);
        }
    }

    private static OlsResult Fit(ReadOnlySpan<double> y, IReadOnlyList<(string Name, double[] Values)> predictors, List<int> used, int n, int p,
        double[] design, double[] work)
    {
        var rows = y.Length;
        var yv = new double[n];
        for (var k = 0; k < n; k++)
        {
            design[k] = 1;
            yv[k] = y[used[k]];
        }
        for (var j = 0; j < predictors.Count; j++)
        {
            var values = predictors[j].Values;
            var column = design.AsSpan((j + 1) * n, n);
            for (var k = 0; k < n; k++) column[k] = values[used[k]];
        }
        design.AsSpan(0, n * p).CopyTo(work);
        var (beta, rInverse, aliased) = HouseholderLeastSquares.Solve(work.AsSpan(0, n * p), n, p, yv);
        if (aliased >= 0)
        {
            var term = aliased == 0 ? "(Intercept)" : predictors[aliased - 1].Name;
            throw new InvalidInputException($"Predictor '{term}' is collinear with the others (or constant) in the {n} complete rows; the model is not identifiable.");
        }

        var fitted = new double[n];
        var residuals = new double[n];
        var rss = 0.0;
        // Column by column: contiguous reads of the design.
        for (var j = 0; j < p; j++)
        {
            var column = design.AsSpan(j * n, n);
            var b = beta[j];
            for (var k = 0; k < n; k++) fitted[k] += column[k] * b;
        }
        for (var k = 0; k < n; k++)
        {
            residuals[k] = yv[k] - fitted[k];
            rss += residuals[k] * residuals[k];
        }
        var rdf = n - p;
        var sigma2 = rss / rdf;

        // (XᵀX)⁻¹ = R⁻¹R⁻ᵀ; its diagonal is the squared norm of each row of R⁻¹.
        var coefficients = new List<OlsCoefficient>(p);
        for (var j = 0; j < p; j++)
        {
            var ss = 0.0;
            for (var c = j; c < p; c++) ss += rInverse[j * p + c] * rInverse[j * p + c];
            var se = Math.Sqrt(ss * sigma2);
            var t = beta[j] / se;
            coefficients.Add(new OlsCoefficient(j == 0 ? "(Intercept)" : predictors[j - 1].Name, beta[j], se, t, Distributions.StudentTTwoSided(t, rdf)));
        }

        var meanFitted = 0.0;
        foreach (var value in fitted) meanFitted += value;
        meanFitted /= n;
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
        // R's logLik.lm with unit weights: −n/2 · (log(2π) + 1 − log(n) + log(RSS)).
        var logLikelihood = -0.5 * n * (Math.Log(2 * Math.PI) + 1 - Math.Log(n) + Math.Log(rss));
        return new OlsResult(n, coefficients, Math.Sqrt(sigma2), rSquared, adjusted, f, numeratorDf, rdf, fp, allResiduals, allFitted, logLikelihood);
    }
}
