using RelevanceRelated.Analysis.Xai.Onnx;
using RelevanceRelated.Analysis.Xai.Rules;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// What a layer needs to write its relevance propagation: the graph, its forward input and output tensors with
/// their shapes, the relevance arriving at its output, and (for linear layers) the rule the composite chose.
/// </summary>
internal sealed record BackwardStep(
    OnnxGraphWriter Graph,
    string Input,
    int[] InputShape,
    bool InputNonNegative,
    string Output,
    string? Routing,
    int[] OutputShape,
    string Relevance,
    LrpRule? Rule,
    float PoolingStabiliser);
