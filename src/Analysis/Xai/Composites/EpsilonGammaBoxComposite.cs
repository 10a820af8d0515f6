using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Composites;

/// <summary>
/// zennit's EpsilonGammaBox: z^B on the first linear layer (bounds from the options, else the input's range),
/// γ (0.25) on convolutions, ε (1e-6) on dense layers.
/// </summary>
public static class EpsilonGammaBoxComposite
{
    public const string Name = "epsilon_gamma_box";

    public static Composite Create(CompositeOptions options) =>
        new(Name, new GammaRule(options.Gamma ?? 0.25f), new EpsilonRule(options.Epsilon ?? 1e-6f), new ZBoxRule(options.Low, options.High));
}
