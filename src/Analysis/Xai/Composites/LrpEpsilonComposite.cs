using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Composites;

/// <summary>iNNvestigate's "lrp.epsilon": LRP-ε with bias on every layer; ε defaults to 1e-6.</summary>
public static class LrpEpsilonComposite
{
    public const string Name = "lrp.epsilon";

    public static Composite Create(CompositeOptions options)
    {
        var rule = new EpsilonRule(options.Epsilon ?? 1e-6f);
        return new Composite(Name, rule, rule);
    }
}
