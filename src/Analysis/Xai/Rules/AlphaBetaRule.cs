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
        var positive = SignedPart(g, wPos, wNeg, Bias(g.Layer.Bias, BiasMode, WeightModifiers.Positive));
        if (Beta == 0f) return Alpha == 1f ? positive : g.Scale(positive, Alpha);
        var negative = SignedPart(g, wNeg, wPos, Bias(g.Layer.Bias, BiasMode, WeightModifiers.Negative));
        return g.Sub(g.Scale(positive, Alpha), g.Scale(negative, Beta));
    }

    /// <summary>x⁺·Wa + x⁻·Wb normalised by its own sum: one half of the rule.</summary>
    internal static string SignedPart(RuleGraph g, float[] forPositiveInputs, float[] forNegativeInputs, float[]? bias)
    {
        if (g.InputNonNegative)
        {
            var zOnly = g.Linear(g.Input, forPositiveInputs, bias);
            var sOnly = g.Normalise(g.Relevance, zOnly, DefaultStabiliser);
            return g.Mul(g.Input, g.Transposed(sOnly, forPositiveInputs));
        }
        var xPos = g.PositivePart(g.Input);
        var xNeg = g.NegativePart(g.Input);
        var z = g.Add(g.Linear(xPos, forPositiveInputs, bias), g.Linear(xNeg, forNegativeInputs, null));
        var s = g.Normalise(g.Relevance, z, DefaultStabiliser);
        return g.Add(g.Mul(xPos, g.Transposed(s, forPositiveInputs)), g.Mul(xNeg, g.Transposed(s, forNegativeInputs)));
    }
}
