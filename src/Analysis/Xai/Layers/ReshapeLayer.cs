using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// Any operator that only changes the shape (Reshape, Flatten, Squeeze, Unsqueeze): forward and backward are
/// reshapes to the known static shapes.
/// </summary>
public sealed class ReshapeLayer(string nodeName, string opType, Func<int[], int[]> outputShape) : Layer(nodeName, opType)
{
    public override int[] Bind(int[] inputShape)
    {
        int[] output;
        try { output = outputShape(inputShape); }
        catch (ArgumentException ex) { throw Invalid(ex.Message); }
        if (Count(output) != Count(inputShape))
            throw Invalid($"cannot reshape [{string.Join(", ", inputShape)}] into [{string.Join(", ", output)}]");
        return output;
    }

    internal override string EmitForward(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        graph.Node("Reshape", [input, graph.Shape(outputShape)], "reshape");

    internal override string EmitRelevance(BackwardStep step) =>
        step.Graph.Node("Reshape", [step.Relevance, step.Graph.Shape(step.InputShape)], "r_reshape");
}
