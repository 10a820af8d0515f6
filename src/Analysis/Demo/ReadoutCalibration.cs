using MathNet.Numerics.LinearAlgebra;

namespace RelevanceRelated.Analysis.Demo;

/// <summary>
/// A piecewise-linear map from a base model's linear readout z to age:
/// g(z) = Offset + Slope · z + Σₖ Bends[k] · max(0, z − Knots[k]).
/// <para>
/// Why: the ageing signs the detectors see start late or grow exponentially (lesions appear after 35, ventricles
/// grow by a constant factor per year), so a linear readout regresses to the mean: young subjects are predicted
/// several years too old, old ones too young. The bends undo that. The network expresses g exactly in its hidden
/// layer (units ReLU(z), ReLU(−z) and ReLU(z − κₖ); see <see cref="DemoNetwork.Build"/>).
/// </para>
/// </summary>
public sealed record ReadoutCalibration(double Offset, double Slope, double[] Knots, double[] Bends)
{
    /// <summary>Quantiles of the training readouts that hold a knot.</summary>
    public static readonly double[] KnotQuantiles = [0.10, 0.25, 0.40, 0.55, 0.70, 0.85, 0.95];

    /// <summary>Fewer readouts than this get a straight line: a bend needs subjects on both sides of its knot.</summary>
    public const int MinimumForBends = 30;

    public static ReadoutCalibration Identity { get; } = new(0, 1, [], []);

    public double Apply(double z)
    {
        var value = Offset + Slope * z;
        for (var k = 0; k < Knots.Length; k++) value += Bends[k] * Math.Max(0, z - Knots[k]);
        return value;
    }

    /// <summary>
    /// Least squares of ages on [1, z, max(0, z − κₖ)], with a ridge penalty of <paramref name="penalty"/> · n on
    /// the bends only (so the map stays a straight line unless the data ask for a bend). Fit it on readouts of
    /// subjects the readout was not fitted on (leave-one-out), or it learns the training fit's optimism.
    /// </summary>
    public static ReadoutCalibration Fit(IReadOnlyList<double> readouts, IReadOnlyList<double> ages, double penalty = 0.5)
    {
        var n = readouts.Count;
        if (n < 3 || ages.Count != n)
            throw new ArgumentException($"calibration: need at least 3 readouts with one age each (got {n} and {ages.Count})");
        var sorted = readouts.Order().ToArray();
        var knots = n < MinimumForBends ? [] : KnotQuantiles.Select(q => sorted[(int)Math.Round(q * (n - 1))]).ToArray();
        var columns = 2 + knots.Length;
        var x = Matrix<double>.Build.Dense(n, columns, (i, j) => j switch
        {
            0 => 1,
            1 => readouts[i],
            _ => Math.Max(0, readouts[i] - knots[j - 2]),
        });
        var y = Vector<double>.Build.Dense(n, i => ages[i]);
        var lhs = x.TransposeThisAndMultiply(x);
        for (var j = 2; j < columns; j++) lhs[j, j] += penalty * n;
        var c = lhs.Solve(x.TransposeThisAndMultiply(y));
        return new ReadoutCalibration(c[0], c[1], knots, [.. c.Skip(2)]);
    }
}
