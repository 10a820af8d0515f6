using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Composites;

/// <summary>
/// iNNvestigate's sequential presets: dense layers LRP-ε (ε = 0.1, bias included); convolutions α1β0 (preset A)
/// or α2β1 (preset B), bias included; the "_flat" variants use the flat rule on the first linear layer.
/// </summary>
public static class SequentialPresetComposite
{
    public const string PresetA = "lrp.sequential_preset_a";
    public const string PresetB = "lrp.sequential_preset_b";
    public const string PresetAFlat = "lrp.sequential_preset_a_flat";
    public const string PresetBFlat = "lrp.sequential_preset_b_flat";

    /// <summary>The presets' dense-layer ε.</summary>
    public const float DenseEpsilon = 0.1f;

    public static Composite Create(string name, CompositeOptions options)
    {
        var presetB = name is PresetB or PresetBFlat;
        var flat = name is PresetAFlat or PresetBFlat;
        LrpRule convolution = presetB ? new AlphaBetaRule(2f, 1f) : new AlphaBetaRule(1f, 0f);
        return new Composite(name, convolution, new EpsilonRule(options.Epsilon ?? DenseEpsilon), flat ? new FlatRule() : null);
    }
}
