using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// z = scale_c · x + shift_c per channel (axis 1): a BatchNormalization that is not preceded by a convolution it
/// could be folded into (e.g. after max pooling, as tf2onnx exports Keras models). Rules treat it as a
/// depthwise 1×…×1 linear layer with weights = scale and bias = shift.
/// </summary>
public sealed class ChannelAffineLayer(string nodeName, string opType, float[] scale, float[] shift)
    : LinearLayer(nodeName, opType, scale, shift)
{
    public int Channels => Weights.Length;

    public override LinearKind Kind => LinearKind.ChannelAffine;

    public override int BiasLength => Channels;

    internal void FoldBias(float[] extraShift)
    {
        var shift = Bias!.ToArray();
        for (var c = 0; c < shift.Length; c++) shift[c] += extraShift[c];
        Bias = shift;
        OpType = $"{OpType}+Add";
    }

    public override int[] Bind(int[] inputShape)
    {
        if (inputShape.Length < 2 || inputShape[1] != Channels)
            throw Invalid($"input of shape [{string.Join(", ", inputShape)}] where {Channels} channels on axis 1 were expected");
        return inputShape;
    }

    private long[] BroadcastShape(int rank) => [1, Channels, .. Enumerable.Repeat(1L, rank - 2)];

    internal override string EmitLinear(OnnxGraphWriter graph, string input, float[] weights, float[]? bias, int[] inputShape, int[] outputShape)
    {
        var scaled = graph.Node("Mul", [input, graph.ConstantFor(weights, "affine_scale", BroadcastShape(inputShape.Length))], "affine");
        return bias is null ? scaled : graph.Node("Add", [scaled, graph.ConstantFor(bias, "affine_shift", BroadcastShape(inputShape.Length))], "affine");
    }

    internal override string EmitTransposed(OnnxGraphWriter graph, string signal, float[] weights, int[] inputShape, int[] outputShape) =>
        graph.Node("Mul", [signal, graph.ConstantFor(weights, "affine_scale", BroadcastShape(inputShape.Length))], "affineT");
}
