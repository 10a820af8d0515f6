using Onnx;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// Cast to float32 (e.g. tf2onnx's uint8 image input): relevance passes through; an unsigned source type is known
/// to be non-negative.
/// </summary>
public sealed class CastLayer(string nodeName, TensorProto.Types.DataType source) : Layer(nodeName, "Cast")
{
    public TensorProto.Types.DataType Source { get; } = source;

    public override int[] Bind(int[] inputShape) => inputShape;

    public override bool OutputNonNegative(bool inputNonNegative) =>
        inputNonNegative || Source is TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Uint16
            or TensorProto.Types.DataType.Uint32 or TensorProto.Types.DataType.Uint64 or TensorProto.Types.DataType.Bool;

    internal override string EmitForward(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        graph.Node("Cast", [input], "cast", OnnxAttributes.MakeInt("to", (long)TensorProto.Types.DataType.Float));

    internal override string EmitRelevance(BackwardStep step) => step.Relevance;
}
