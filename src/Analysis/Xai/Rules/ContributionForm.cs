namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>
/// A rule written as per-connection contributions, for kernels that evaluate it only where relevance arrives:
/// R_i = Σ_j t_ij · R_j / d_j with t_ij = x_i w_ij (or its positive part (x_i w_ij)⁺ = x_i⁺ w_ij⁺ + x_i⁻ w_ij⁻ when
/// <see cref="PositiveProducts"/>) and d_j = Σ_i t_ij + Shift_j, then + ε·sign(d_j) (sign(0) = +1) when
/// <see cref="Epsilon"/> &gt; 0. LRP-0, ε, z⁺ and α1β0 have this form; rules that mix two normalisations do not.
/// </summary>
public sealed record ContributionForm(bool PositiveProducts, float[] Shift, float Epsilon)
{
    /// <summary>d_j stabilised as the rule's graph does it.</summary>
    public float Denominator(float sum, int unit)
    {
        var d = sum + Shift[unit];
        return Epsilon > 0f ? d + (d >= 0f ? Epsilon : -Epsilon) : d;
    }
}
