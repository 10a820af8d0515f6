namespace RelevanceRelated.Analysis.Xai.Rules;

/// <summary>Whether a rule lets a layer's bias take part in the denominator (and so absorb relevance).</summary>
public enum BiasMode
{
    Include,
    Ignore,
}

/// <summary>
/// An LRP rule for a linear layer z_j = Σ_i x_i w_ij + b_j: how relevance R_j at the outputs is redistributed to
/// the inputs. Every rule is of the form R_i = Σ_j m_ij(x) · R_j / (d_j + ε·sign(d_j)), sign(0) = +1, where the
/// rule chooses the modified contributions m_ij and the denominator d_j. Rules write their formula into the
/// compiled ONNX graph through <see cref="RuleGraph"/>.
/// </summary>
public abstract class LrpRule
{
    /// <summary>The stabiliser of rules whose formula has no ε of its own (zennit uses the same default).</summary>
    public const float DefaultStabiliser = 1e-6f;

    /// <summary>A short name with parameters, e.g. "epsilon(0.1)"; part of the compiled graph's cache key.</summary>
    public abstract string Name { get; }

    /// <summary>Writes the rule and returns the name of the relevance at the layer's input.</summary>
    public abstract string Propagate(RuleGraph g);

    /// <summary>
    /// The rule as per-connection contributions for this layer (see <see cref="ContributionForm"/>), or null when it
    /// has no such form; lets the first convolution's relevance be computed only at max-pool winners.
    /// </summary>
    public virtual ContributionForm? Contributions(Layers.LinearLayer layer) => null;

    /// <summary>Every unit's bias (0 when absent) plus a constant: the denominator shift of a contribution form.</summary>
    protected static float[] Shifted(Layers.LinearLayer layer, float[]? bias, float shift)
    {
        var result = new float[layer.BiasLength];
        for (var j = 0; j < result.Length; j++) result[j] = (bias?[j] ?? 0f) + shift;
        return result;
    }

    public override string ToString() => Name;

    protected static string BiasSuffix(BiasMode bias) => bias == BiasMode.Ignore ? ",ignore-bias" : "";

    protected static float[]? Bias(float[]? bias, BiasMode mode, Func<float[], float[]>? modify = null) =>
        bias is null || mode == BiasMode.Ignore ? null : modify is null ? bias : modify(bias);
}
