using System.Globalization;

namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// LRP-ε: R_i = Σ_j x_i w_ij · R_j / (z_j + ε·sign(z_j)), with z_j = Σ_i x_i w_ij + b_j (b_j = 0 when the bias is
/// ignored). ε absorbs weak or contradictory contributions; default 1e-6.
/// </summary>
public sealed class EpsilonRule(float epsilon = 1e-6f, BiasMode bias = BiasMode.Include) : LrpRule
{
    public float Epsilon { get; } = epsilon > 0f ? epsilon : throw new InvalidInputException($"Epsilon rule: epsilon must be > 0 (got {epsilon}).");

    public BiasMode BiasMode { get; } = bias;

    public override string Name => $"epsilon({Epsilon.ToString("R", CultureInfo.InvariantCulture)}{BiasSuffix(BiasMode)})";

    public override string Propagate(RuleGraph g)
    {
        var z = BiasMode == BiasMode.Include ? g.Output : g.Linear(g.Input, g.Layer.Weights, null);
        var s = g.Normalise(g.Relevance, z, Epsilon);
        return g.Mul(g.Input, g.Transposed(s, g.Layer.Weights));
    }

    /// <summary>With the bias included, d_j is the layer's output z_j itself, as the graph takes it from the forward pass.</summary>
    public override ContributionForm Contributions(Layers.LinearLayer layer) =>
        new(PositiveProducts: false, Shifted(layer, Bias(layer.Bias, BiasMode), 0f), Epsilon) { DenominatorIsOutput = BiasMode == BiasMode.Include };
}
