namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// LRP-z⁺: only positive contributions count,
/// R_i = Σ_j (x_i⁺ w_ij⁺ + x_i⁻ w_ij⁻) · R_j / (Σ_i (x_i⁺ w_ij⁺ + x_i⁻ w_ij⁻) + b_j⁺), stabilised by 1e-6·sign.
/// Equal to αβ with α = 1, β = 0 (as in zennit); for ReLU inputs (x ≥ 0) this is the deep-Taylor z⁺ rule.
/// </summary>
public sealed class ZPlusRule(BiasMode bias = BiasMode.Include) : LrpRule
{
    public BiasMode BiasMode { get; } = bias;

    public override string Name => $"zplus{BiasSuffix(BiasMode)}";

    public override string Propagate(RuleGraph g)
    {
        var w = g.Layer.Weights;
        return AlphaBetaRule.SignedPart(g, WeightModifiers.Positive(w), WeightModifiers.Negative(w),
            Bias(g.Layer.Bias, BiasMode, WeightModifiers.Positive), +1);
    }

    public override ContributionForm Contributions(Layers.LinearLayer layer) =>
        new(PositiveProducts: true, Shifted(layer, Bias(layer.Bias, BiasMode, WeightModifiers.Positive), DefaultStabiliser), 0f);
}
