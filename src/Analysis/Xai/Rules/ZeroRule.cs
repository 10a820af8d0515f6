namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// LRP-0 (iNNvestigate's "Z" rule): R_i = Σ_j x_i w_ij · R_j / z_j, z_j = Σ_i x_i w_ij + b_j (b_j = 0 when the bias
/// is ignored). The denominator carries only a numerical stabiliser (1e-9·sign(z)). With the bias included on a
/// ReLU network it equals gradient × input.
/// </summary>
public sealed class ZeroRule(BiasMode bias = BiasMode.Include) : LrpRule
{
    public const float Stabiliser = 1e-9f;

    public BiasMode BiasMode { get; } = bias;

    public override string Name => $"z{BiasSuffix(BiasMode)}";

    public override string Propagate(RuleGraph g)
    {
        var z = BiasMode == BiasMode.Include ? g.Output : g.Linear(g.Input, g.Layer.Weights, null);
        var s = g.Normalise(g.Relevance, z, Stabiliser);
        return g.Mul(g.Input, g.Transposed(s, g.Layer.Weights));
    }

    /// <summary>With the bias included, d_j is the layer's output z_j itself, as the graph takes it from the forward pass.</summary>
    public override ContributionForm Contributions(Layers.LinearLayer layer) =>
        new(PositiveProducts: false, Shifted(layer, Bias(layer.Bias, BiasMode), 0f), Stabiliser) { DenominatorIsOutput = BiasMode == BiasMode.Include };
}
