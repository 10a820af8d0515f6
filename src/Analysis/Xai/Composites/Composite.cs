using RelevanceRelated.Analysis.Xai.Layers;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Composites;

/// <summary>
/// Chooses a rule for every linear layer of a model by its kind (convolution, dense, per-channel affine) and
/// position (the first linear layer may get its own rule), as zennit's layer-map composites do. Pooling layers
/// always use the z-rule, activations and reshapes pass relevance through.
/// </summary>
public class Composite
{
    public Composite(string name, LrpRule convolution, LrpRule dense, LrpRule? first = null, LrpRule? channelAffine = null)
    {
        Name = name;
        Convolution = convolution;
        Dense = dense;
        First = first;
        ChannelAffine = channelAffine ?? convolution;
    }

    /// <summary>The registered name, e.g. "lrp.sequential_preset_a".</summary>
    public string Name { get; }

    public LrpRule Convolution { get; }

    public LrpRule Dense { get; }

    /// <summary>The rule for the first linear layer, or null to use the layer's kind rule there too.</summary>
    public LrpRule? First { get; }

    /// <summary>The rule for BatchNormalization layers that could not be folded (default: the convolution rule).</summary>
    public LrpRule ChannelAffine { get; }

    /// <summary>The stabiliser of the z-rule on average pooling.</summary>
    public float PoolingStabiliser => LrpRule.DefaultStabiliser;

    public LrpRule RuleFor(LinearLayer layer, bool isFirstLinear)
    {
        if (isFirstLinear && First is not null) return First;
        return layer.Kind switch
        {
            LinearKind.Convolution => Convolution,
            LinearKind.Dense => Dense,
            _ => ChannelAffine,
        };
    }

    /// <summary>Identifies the composite with all its parameters (part of the compiled graph's cache key).</summary>
    public string Key => $"{Name}[conv={Convolution.Name};dense={Dense.Name};first={First?.Name ?? "-"};affine={ChannelAffine.Name}]";

    public override string ToString() => Key;
}
