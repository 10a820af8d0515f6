using MathNet.Numerics.LinearAlgebra;

namespace RelevanceRelated.Analysis.Demo;

/// <summary>A fitted linear model y ≈ Intercept + Weights·x, with the ridge penalty chosen, its leave-one-out error and
/// each training sample's leave-one-out prediction (the fit without that sample, at the chosen penalty).</summary>
public sealed record RidgeFit(double[] Weights, double Intercept, double Lambda, double LeaveOneOutRmse, double[] LeaveOneOutPredictions)
{
    public double Predict(ReadOnlySpan<float> x)
    {
        var sum = Intercept;
        for (var j = 0; j < Weights.Length; j++) sum += Weights[j] * x[j];
        return sum;
    }
}

/// <summary>
/// Ridge regression in closed form, in the dual (n subjects ≪ p features): features standardised, K = XXᵀ
/// eigendecomposed once, so the exact leave-one-out residuals eᵢ / (1 − Hᵢᵢ) of every penalty on a grid cost
/// O(n²) each; the penalty with the smallest leave-one-out error wins. Weights are returned on the raw feature
/// scale (standardisation folded in), constant features get weight 0.
/// </summary>
public static class RidgeRegression
{
    public static RidgeFit Fit(IReadOnlyList<float[]> features, IReadOnlyList<double> targets, IReadOnlyList<double>? lambdas = null)
    {
        var n = features.Count;
        if (n < 3 || targets.Count != n) throw new ArgumentException($"need at least 3 samples with one target each (got {n} and {targets.Count})");
        var p = features[0].Length;
        var mean = new double[p];
        var scale = new double[p];
        foreach (var f in features)
            for (var j = 0; j < p; j++) mean[j] += f[j];
        for (var j = 0; j < p; j++) mean[j] /= n;
        foreach (var f in features)
            for (var j = 0; j < p; j++) scale[j] += (f[j] - mean[j]) * (f[j] - mean[j]);
        for (var j = 0; j < p; j++)
        {
            var sd = Math.Sqrt(scale[j] / n);
            scale[j] = sd > 1e-9 ? 1 / sd : 0;
        }
        var x = Matrix<double>.Build.Dense(n, p, (i, j) => (features[i][j] - mean[j]) * scale[j]);
        var yMean = targets.Average();
        var y = Vector<double>.Build.Dense(n, i => targets[i] - yMean);

        var k = x * x.Transpose();
        var evd = k.Evd(Symmetricity.Symmetric);
        var u = evd.EigenVectors;
        var s = evd.EigenValues.Map(c => Math.Max(c.Real, 0));
        var uty = u.TransposeThisAndMultiply(y);
        var grid = lambdas ?? Enumerable.Range(-4, 13).Select(e => Math.Pow(10, e / 2.0) * Math.Max(s.Maximum(), 1e-12) / n).ToArray();

        double bestLambda = grid[0], bestMse = double.PositiveInfinity;
        var bestResiduals = new double[n];
        var residuals = new double[n];
        foreach (var lambda in grid)
        {
            // Fitted values H·y and the hat diagonal, plus the centring (intercept) term 1/n.
            var shrink = s.Map(v => v / (v + lambda));
            var fitted = u * shrink.PointwiseMultiply(uty);
            var mse = 0.0;
            for (var i = 0; i < n; i++)
            {
                var h = 1.0 / n;
                for (var c = 0; c < n; c++) h += u[i, c] * u[i, c] * shrink[c];
                var e = (y[i] - fitted[i]) / Math.Max(1 - h, 1e-9);
                residuals[i] = e;
                mse += e * e;
            }
            mse /= n;
            if (mse < bestMse)
            {
                (bestMse, bestLambda) = (mse, lambda);
                Array.Copy(residuals, bestResiduals, n);
            }
        }

        // α = (K + λI)⁻¹ y, w = Xᵀα on the standardised scale.
        var alpha = u * uty.PointwiseDivide(s.Add(bestLambda));
        var w = x.TransposeThisAndMultiply(alpha);
        var weights = new double[p];
        var intercept = yMean;
        for (var j = 0; j < p; j++)
        {
            weights[j] = w[j] * scale[j];
            intercept -= weights[j] * mean[j];
        }
        var leaveOneOut = new double[n];
        for (var i = 0; i < n; i++) leaveOneOut[i] = targets[i] - bestResiduals[i];
        return new RidgeFit(weights, intercept, bestLambda, Math.Sqrt(bestMse), leaveOneOut);
    }
}
