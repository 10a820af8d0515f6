using MathNet.Numerics.LinearAlgebra;

namespace RelevanceRelated.Analysis.Demo;

/// <summary>
/// The sub-ensemble's linear head: age ≈ intercept + Σ wᵢ · predictionᵢ, least squares on held-out base-model
/// predictions with a small ridge penalty pulling the weights towards the plain mean (1/m each), which keeps
/// correlated base models from getting large weights of opposite sign.
/// </summary>
public static class LinearHead
{
    public static (double Intercept, double[] Weights) Fit(IReadOnlyList<double[]> predictions, IReadOnlyList<double> ages, double penalty = 0.1)
    {
        var n = predictions.Count;
        var m = predictions[0].Length;
        var prior = 1.0 / m;
        var meanP = Enumerable.Range(0, m).Select(j => predictions.Average(p => p[j])).ToArray();
        var meanAge = ages.Average();
        var x = Matrix<double>.Build.Dense(n, m, (i, j) => predictions[i][j] - meanP[j]);
        var y = Vector<double>.Build.Dense(n, i => ages[i] - meanAge);
        // Minimise |y − Xw|² + λ n var |w − prior|²: (XᵀX + λ' I) w = Xᵀy + λ' prior.
        var xtx = x.TransposeThisAndMultiply(x);
        var scale = penalty * xtx.Diagonal().Average();
        var lhs = xtx + Matrix<double>.Build.DenseIdentity(m) * scale;
        var rhs = x.TransposeThisAndMultiply(y) + Vector<double>.Build.Dense(m, prior * scale);
        var w = lhs.Solve(rhs).ToArray();
        var intercept = meanAge - w.Select((wj, j) => wj * meanP[j]).Sum();
        return (intercept, w);
    }
}
