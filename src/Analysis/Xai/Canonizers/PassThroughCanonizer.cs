using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Canonizers;

/// <summary>
/// Removes operators that do nothing at inference (Identity, Dropout). The other pass-through operators (Relu,
/// Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Cast) stay as layers that hand relevance straight back.
/// </summary>
public sealed class PassThroughCanonizer : Canonizer
{
    public override List<ChainNode> Apply(List<ChainNode> chain) =>
        chain.Where(n => n.Op is not ("Identity" or "Dropout")).ToList();
}
