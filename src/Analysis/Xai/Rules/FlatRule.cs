namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// LRP-flat: relevance is spread uniformly over each output's receptive field, ignoring inputs, weights and bias:
/// R_i = Σ_j 1 · R_j / Σ_i' 1 (the count of inputs connected to j, respecting padding), stabilised by 1e-6·sign.
/// Used for first layers (iNNvestigate's *_flat presets, zennit's EpsilonPlusFlat).
/// </summary>
public sealed class FlatRule : LrpRule
{
    public override string Name => "flat";

    public override string Propagate(RuleGraph g)
    {
        var ones = WeightModifiers.Ones(g.Layer.Weights);
        // The count is positive wherever it matters, so the stabiliser +ε rides in the bias.
        var z = g.Linear(g.OnesLikeInput(), ones, g.ShiftedBias(null, DefaultStabiliser));
        return g.Transposed(g.Graph.Node("Div", [g.Relevance, z], "s"), ones);
    }
}
