using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// Max pooling. Relevance is routed winner-take-all: each window's relevance goes to the one input ONNX Runtime
/// reports as its maximum (the first on ties, so nothing is duplicated), and inputs that win several
/// overlapping windows accumulate (ScatterElements with reduction "add").
/// </summary>
public sealed class MaxPoolLayer(string nodeName, WindowGeometry window) : Layer(nodeName, "MaxPool")
{
    public WindowGeometry Window { get; } = window;

    public override int[] Bind(int[] inputShape)
    {
        if (inputShape.Length != Window.Rank + 2) throw Invalid($"input of rank {inputShape.Length} for a {Window.Rank}-d window");
        if (!Window.IsUndilated) throw Invalid("dilated max pooling is not supported");
        return [inputShape[0], inputShape[1], .. Window.Bind(inputShape.AsSpan(2), Invalid)];
    }

    internal override string EmitForward(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        graph.Node("MaxPool", [input], "maxpool", Window.Attributes(withDilations: false));

    internal override (string Output, string? Routing) EmitForwardForRelevance(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape)
    {
        var outputs = graph.NodeWithOutputs("MaxPool", [input], ["maxpool", "maxpool_argmax"], Window.Attributes(withDilations: false));
        return (outputs[0], outputs[1]);
    }

    internal override string EmitRelevance(BackwardStep step)
    {
        var g = step.Graph;
        var flat = g.Shape([-1]);
        var zeros = g.Node("ConstantOfShape", [g.Shape([(int)Count(step.InputShape)])], "pool_zeros",
            OnnxAttributes.MakeTensor("value", OnnxTensors.Float("zero", [0f], 1)));
        var indices = g.Node("Reshape", [step.Routing!, flat], "argmax_flat");
        var relevance = g.Node("Reshape", [step.Relevance, flat], "r_flat");
        var routed = g.Node("ScatterElements", [zeros, indices, relevance], "routed",
            OnnxAttributes.MakeInt("axis", 0), OnnxAttributes.MakeString("reduction", "add"));
        return g.Node("Reshape", [routed, g.Shape(step.InputShape)], "r_pool");
    }
}
