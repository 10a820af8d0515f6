using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Composites;

/// <summary>zennit's EpsilonPlusFlat: flat on the first linear layer, z⁺ on convolutions, ε (1e-6) on dense layers.</summary>
public static class EpsilonPlusFlatComposite
{
    public const string Name = "epsilon_plus_flat";

    public static Composite Create(CompositeOptions options) =>
        new(Name, new ZPlusRule(), new EpsilonRule(options.Epsilon ?? 1e-6f), new FlatRule());
}
