namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// A rule written as per-connection contributions, for kernels that evaluate it only where relevance arrives:
/// R_i = α · Σ_j t_ij · R_j / d_j − β · Σ_j t⁻_ij · R_j / d⁻_j. The first part: t_ij = x_i w_ij, or its positive part
/// (x_i w_ij)⁺ = x_i⁺ w_ij⁺ + x_i⁻ w_ij⁻ when <see cref="PositiveProducts"/>, and d_j = Σ_i t_ij + Shift_j, then
/// + ε·sign(d_j) (sign(0) = +1) when <see cref="Epsilon"/> &gt; 0. The second part, only for αβ rules with β &gt; 0
/// (<see cref="Negative"/>): t⁻_ij = (x_i w_ij)⁻ and d⁻_j = Σ_i t⁻_ij + Negative.Shift_j. LRP-0, ε (α = 1, all
/// products), z⁺, α1β0 (α = 1, positive products) and αβ have this form; γ, flat, w² and z^B do not.
/// </summary>
public sealed record ContributionForm(bool PositiveProducts, float[] Shift, float Epsilon)
{
    /// <summary>α, the weight of the first part (1 except for αβ rules).</summary>
    public float Alpha { get; init; } = 1f;

    /// <summary>The β part of an αβ rule with β &gt; 0 (its first part has positive products); null otherwise.</summary>
    public NegativeContributions? Negative { get; init; }

    /// <summary>
    /// d_j is the layer's own output z_j = Σ_i x_i w_ij + b_j (LRP-0 and ε with the bias): kernels may read it from the
    /// forward pass, as the rule's graph does, instead of summing the products again.
    /// </summary>
    public bool DenominatorIsOutput { get; init; }

    /// <summary>d_j from the layer's output z_j (when <see cref="DenominatorIsOutput"/>), stabilised as the graph does it.</summary>
    public float OutputDenominator(float output) => Epsilon > 0f ? output + (output >= 0f ? Epsilon : -Epsilon) : output;

    /// <summary>d_j stabilised as the rule's graph does it.</summary>
    public float Denominator(float sum, int unit)
    {
        var d = sum + Shift[unit];
        return Epsilon > 0f ? d + (d >= 0f ? Epsilon : -Epsilon) : d;
    }

    /// <summary>d⁻_j of the β part (its stabiliser, −ε, is in the shift: every term is ≤ 0).</summary>
    public float NegativeDenominator(float sum, int unit) => sum + Negative!.Shift[unit];
}

/// <summary>The β part of an αβ contribution form: negative products (x w)⁻ over their own sum plus <see cref="Shift"/>.</summary>
public sealed record NegativeContributions(float Beta, float[] Shift);
