using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>ReLU: relevance passes through unchanged (the linear layer below already attributed it).</summary>
public sealed class ReluLayer(string nodeName) : Layer(nodeName, "Relu")
{
    public override int[] Bind(int[] inputShape) => inputShape;

    public override bool OutputNonNegative(bool inputNonNegative) => true;

    internal override string EmitForward(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        graph.Node("Relu", [input], "relu");

    internal override string EmitRelevance(BackwardStep step) => step.Relevance;
}
