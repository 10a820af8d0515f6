using System.Globalization;

namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// LRP-γ (generalised to signed inputs as in zennit): positive contributions are favoured by γ. With
/// u = w + γ·w⁺ and v = w + γ·w⁻, for outputs z_j &gt; 0:
/// R_i = (x_i⁺ u_ij + x_i⁻ v_ij) · R_j / (Σ_i (x_i⁺ u_ij + x_i⁻ v_ij) + b_j + γ·b_j⁺), and for z_j &lt; 0:
/// R_i = (x_i⁺ v_ij + x_i⁻ u_ij) · R_j / (Σ_i (x_i⁺ v_ij + x_i⁻ u_ij) + b_j + γ·b_j⁻), where z_j = Σ_i x_i w_ij + b_j
/// (biases dropped when ignored); denominators stabilised by 1e-6·sign. Default γ = 0.25.
/// </summary>
public sealed class GammaRule(float gamma = 0.25f, BiasMode bias = BiasMode.Include) : LrpRule
{
    public float Gamma { get; } = gamma >= 0f ? gamma : throw new InvalidInputException($"Gamma rule: gamma must be ≥ 0 (got {gamma}).");

    public BiasMode BiasMode { get; } = bias;

    public override string Name => $"gamma({Gamma.ToString("R", CultureInfo.InvariantCulture)}{BiasSuffix(BiasMode)})";

    public override string Propagate(RuleGraph g)
    {
        var w = g.Layer.Weights;
        var u = WeightModifiers.AddScaled(w, Gamma, WeightModifiers.Positive(w));
        var v = WeightModifiers.AddScaled(w, Gamma, WeightModifiers.Negative(w));
        var b = g.Layer.Bias;
        var bU = Bias(b, BiasMode, x => WeightModifiers.AddScaled(x, Gamma, WeightModifiers.Positive(x)));
        var bV = Bias(b, BiasMode, x => WeightModifiers.AddScaled(x, Gamma, WeightModifiers.Negative(x)));
        var z = BiasMode == BiasMode.Include ? g.Output : g.Linear(g.Input, w, null);
        var forPositive = g.Mul(g.IndicatorPositive(z), g.Relevance);
        var forNegative = g.Mul(g.IndicatorNegative(z), g.Relevance);
        return g.Add(Part(g, forPositive, u, v, bU), Part(g, forNegative, v, u, bV));
    }

    private static string Part(RuleGraph g, string relevance, float[] forPositiveInputs, float[] forNegativeInputs, float[]? bias)
    {
        if (g.InputNonNegative)
        {
            var zOnly = g.Linear(g.Input, forPositiveInputs, bias);
            return g.Mul(g.Input, g.Transposed(g.Normalise(relevance, zOnly, DefaultStabiliser), forPositiveInputs));
        }
        // Not sign-definite (w + γ·w⁺ has negative entries), so the stabiliser needs the sign of the sum.
        return g.SignedShare(relevance, g.PositivePart(g.Input), forPositiveInputs, g.NegativePart(g.Input), forNegativeInputs, bias,
            z => g.Stabilise(z, DefaultStabiliser));
    }
}
