using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// Global average pooling, explained with the z-rule: R_i = x_i · (1/n) · R_c / (z_c + ε·sign(z_c)), n the number of
/// spatial positions of channel c.
/// </summary>
public sealed class GlobalAveragePoolLayer(string nodeName) : Layer(nodeName, "GlobalAveragePool")
{
    public override int[] Bind(int[] inputShape)
    {
        if (inputShape.Length < 3) throw Invalid($"input of rank {inputShape.Length} where [N, C, spatial…] was expected");
        return [inputShape[0], inputShape[1], .. Enumerable.Repeat(1, inputShape.Length - 2)];
    }

    internal override string EmitForward(OnnxGraphWriter graph, string input, int[] inputShape, int[] outputShape) =>
        graph.Node("GlobalAveragePool", [input], "gap");

    internal override string EmitRelevance(BackwardStep step)
    {
        var g = step.Graph;
        var positions = Count(step.InputShape.Skip(2).ToArray());
        var share = g.Node("Mul", [AveragePoolLayer.Stabilised(g, step), g.Scalar(1f / positions)], "s_share");
        var spread = g.Node("Expand", [share, g.Shape(step.InputShape)], "gapT");
        return g.Node("Mul", [step.Input, spread], "r_gap");
    }
}
