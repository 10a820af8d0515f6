using System.Globalization;

namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// LRP-αβ (α − β = 1): positive and negative contributions are normalised separately,
/// R_i = Σ_j [ α · (x_i⁺ w_ij⁺ + x_i⁻ w_ij⁻) / z_j⁺ − β · (x_i⁺ w_ij⁻ + x_i⁻ w_ij⁺) / z_j⁻ ] · R_j, where
/// z_j⁺ = Σ_i (x_i⁺ w_ij⁺ + x_i⁻ w_ij⁻) + b_j⁺ and z_j⁻ = Σ_i (x_i⁺ w_ij⁻ + x_i⁻ w_ij⁺) + b_j⁻ (biases dropped when
/// ignored), each stabilised by 1e-6·sign. α1β0 is iNNvestigate's preset-A convolution rule, α2β1 preset B's.
/// </summary>
public sealed class AlphaBetaRule : LrpRule
{
    public AlphaBetaRule(float alpha, float beta, BiasMode bias = BiasMode.Include)
    {
        if (alpha < 0f || beta < 0f || Math.Abs(alpha - beta - 1f) > 1e-6f)
            throw new InvalidInputException($"Alpha-beta rule: alpha and beta must be ≥ 0 with alpha − beta = 1 (got alpha {alpha}, beta {beta}).");
        Alpha = alpha;
        Beta = beta;
        BiasMode = bias;
    }

    public float Alpha { get; }

    public float Beta { get; }

    public BiasMode BiasMode { get; }

    public override string Name =>
        $"alpha{Alpha.ToString(CultureInfo.InvariantCulture)}beta{Beta.ToString(CultureInfo.InvariantCulture)}{BiasSuffix(BiasMode)}";

    public override string Propagate(RuleGraph g)
    {
        var w = g.Layer.Weights;
        var wPos = WeightModifiers.Positive(w);
        var wNeg = WeightModifiers.Negative(w);
        var positive = SignedPart(g, wPos, wNeg, Bias(g.Layer.Bias, BiasMode, WeightModifiers.Positive), +1);
        if (Beta == 0f) return Alpha == 1f ? positive : g.Scale(positive, Alpha);
        var negative = SignedPart(g, wNeg, wPos, Bias(g.Layer.Bias, BiasMode, WeightModifiers.Negative), -1);
        return g.Sub(g.Scale(positive, Alpha), g.Scale(negative, Beta));
    }

    /// <summary>
    /// Positive products over their own sum (+ b⁺ + ε), weighted by α, minus negative products over theirs (+ b⁻ − ε),
    /// weighted by β; α1β0 is z⁺.
    /// </summary>
    public override ContributionForm Contributions(Layers.LinearLayer layer) =>
        new(PositiveProducts: true, Shifted(layer, Bias(layer.Bias, BiasMode, WeightModifiers.Positive), DefaultStabiliser), 0f)
        {
            Alpha = Alpha,
            Negative = Beta == 0f ? null : new(Beta, Shifted(layer, Bias(layer.Bias, BiasMode, WeightModifiers.Negative), -DefaultStabiliser)),
        };

    /// <summary>
    /// x⁺·Wa + x⁻·Wb normalised by its own sum (+ bias): one half of the rule. Every term of that sum has the sign
    /// <paramref name="sign"/>, so the stabiliser is that sign times ε, folded into the bias (for a sum of exactly 0 all
    /// terms are 0 and the choice of sign cannot matter).
    /// </summary>
    internal static string SignedPart(RuleGraph g, float[] forPositiveInputs, float[] forNegativeInputs, float[]? bias, int sign)
    {
        var stabilisedBias = g.ShiftedBias(bias, sign * DefaultStabiliser);
        if (g.InputNonNegative)
        {
            var z = g.Linear(g.Input, forPositiveInputs, stabilisedBias);
            var s = g.Graph.Node("Div", [g.Relevance, z], "s");
            return g.Mul(g.Input, g.Transposed(s, forPositiveInputs));
        }
        return g.SignedShare(g.Relevance, g.PositivePart(g.Input), forPositiveInputs, g.NegativePart(g.Input), forNegativeInputs, stabilisedBias);
    }
}
