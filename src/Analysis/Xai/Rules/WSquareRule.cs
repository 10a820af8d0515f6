namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// LRP-w²: relevance follows the squared weights, ignoring the inputs and the bias:
/// R_i = Σ_j w_ij² · R_j / Σ_i' w_i'j², stabilised by 1e-6·sign. For first layers with unbounded inputs.
/// </summary>
public sealed class WSquareRule : LrpRule
{
    public override string Name => "wsquare";

    public override string Propagate(RuleGraph g)
    {
        var squared = WeightModifiers.Square(g.Layer.Weights);
        // Σ w² ≥ 0, so the stabiliser +ε rides in the bias.
        var z = g.Linear(g.OnesLikeInput(), squared, g.ShiftedBias(null, DefaultStabiliser));
        return g.Transposed(g.Graph.Node("Div", [g.Relevance, z], "s"), squared);
    }
}
