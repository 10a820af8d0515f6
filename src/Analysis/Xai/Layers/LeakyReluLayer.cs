using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// LeakyReLU, max(x, 0) + α·min(x, 0): like ReLU, relevance passes through unchanged (the linear layer below
/// attributes it, as iNNvestigate and zennit treat every element-wise activation); its output may be negative.
/// </summary>
public sealed class LeakyReluLayer(string nodeName, float alpha) : Layer(nodeName, "LeakyRelu")
{
    public float Alpha { get; } = alpha;

    public override int[] Bind(int[] inputShape) => inputShape;

    public override bool OutputNonNegative(bool inputNonNegative) => inputNonNegative || Alpha == 0f;

    internal override string EmitForward(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        graph.Node("LeakyRelu", [input], "leaky_relu", OnnxAttributes.MakeFloat("alpha", Alpha));

    internal override string EmitRelevance(BackwardStep step) => step.Relevance;
}
