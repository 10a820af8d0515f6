using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Composites;

/// <summary>iNNvestigate's "lrp.z": LRP-0 with bias on every layer (equals gradient × input on ReLU networks).</summary>
public static class LrpZComposite
{
    public const string Name = "lrp.z";

    public static Composite Create(CompositeOptions options)
    {
        var rule = new ZeroRule();
        return new Composite(Name, rule, rule);
    }
}
