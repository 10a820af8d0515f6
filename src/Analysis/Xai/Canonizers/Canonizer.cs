using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Canonizers;

/// <summary>
/// Rewrites a model's chain of nodes into an equivalent one that rules can attribute (zennit's idea: merge
/// BatchNorm into the neighbouring convolution, fuse MatMul + Add into one dense layer, drop no-ops).
/// </summary>
public abstract class Canonizer
{
    /// <summary>The canonizers every model goes through, in order.</summary>
    public static IReadOnlyList<Canonizer> Default { get; } =
        [new PassThroughCanonizer(), new LinearBiasCanonizer(), new BatchNormCanonizer()];

    public abstract List<ChainNode> Apply(List<ChainNode> chain);
}
