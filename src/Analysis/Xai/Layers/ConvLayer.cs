using System.Runtime.CompilerServices;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Layers;

/// <summary>
/// An N-d convolution z = W ⊛ x + b (weights [M, C/group, k…], channels-first input). Its transpose is written
/// as a Conv with the flipped, channel-swapped kernel when the convolution has unit stride, no dilation and enough
/// input channels (cheaper in ONNX Runtime than ConvTranspose, which materialises a full column buffer), else as
/// ConvTranspose.
/// </summary>
public sealed class ConvLayer : LinearLayer
{
    private readonly ConditionalWeakTable<float[], float[]> _flipped = new();

    /// <summary>
    /// Fewest input channels for which the transpose is written as a flipped Conv (measured at 198³: for MRInet's
    /// 16-channel second layer ConvTranspose's column buffer is 1.7 GB and several times slower; for the
    /// one-channel first layer the flipped Conv degenerates to a matrix-vector product and ConvTranspose wins).
    /// </summary>
    private const int FlipMinimumChannels = 4;

    public ConvLayer(string nodeName, float[] weights, int[] weightShape, float[]? bias, WindowGeometry window, int group)
        : base(nodeName, "Conv", weights, bias)
    {
        WeightShape = weightShape;
        Window = window;
        Group = group;
    }

    /// <summary>[M, C/group, k…].</summary>
    public int[] WeightShape { get; }

    public WindowGeometry Window { get; }

    public int Group { get; }

    public int OutputChannels => WeightShape[0];

    public override LinearKind Kind => LinearKind.Convolution;

    public override int BiasLength => WeightShape[0];

    internal override bool SupportsStackedInputs => Group == 1;

    private readonly WeightPairCache _stacked = new();

    /// <summary>[M, 2C, k…]: for every output channel the kernel of W_a over the first C inputs, then W_b's.</summary>
    private float[] Stack(float[] a, float[] b) => _stacked.Get(a, b, (a, b) =>
    {
        var perOutput = a.Length / WeightShape[0];
        var result = new float[2 * a.Length];
        for (var m = 0; m < WeightShape[0]; m++)
        {
            Array.Copy(a, m * perOutput, result, 2 * m * perOutput, perOutput);
            Array.Copy(b, m * perOutput, result, (2 * m + 1) * perOutput, perOutput);
        }
        return result;
    });

    private long[] StackedShape => [WeightShape[0], 2 * WeightShape[1], .. WeightShape.Skip(2).Select(d => (long)d)];

    internal override string EmitStackedLinear(OnnxGraphWriter graph, string stacked, float[] weightsA, float[] weightsB, float[]? bias, int[] inputShape, int[] outputShape)
    {
        var w = graph.ConstantFor(Stack(weightsA, weightsB), "conv_w2", StackedShape);
        string[] inputs = bias is null ? [stacked, w] : [stacked, w, graph.ConstantFor(bias, "conv_b", bias.Length)];
        return graph.Node("Conv", inputs, "conv2", [.. Window.Attributes(), OnnxAttributes.MakeInt("group", 1)]);
    }

    internal override string EmitStackedTransposed(OnnxGraphWriter graph, string signal, float[] weightsA, float[] weightsB, int[] inputShape, int[] outputShape)
    {
        int[] stackedInput = [inputShape[0], 2 * inputShape[1], .. inputShape.Skip(2)];
        return Transposed(graph, signal, Stack(weightsA, weightsB), [.. StackedShape.Select(d => (int)d)], stackedInput, outputShape);
    }

    internal void Fold(float[] weights, float[]? bias, string by)
    {
        Weights = weights;
        Bias = bias;
        OpType = $"{OpType}+{by}";
    }

    public override int[] Bind(int[] inputShape)
    {
        if (inputShape.Length != WeightShape.Length)
            throw Invalid($"input of rank {inputShape.Length} for a kernel of rank {WeightShape.Length} (expected [N, C, spatial…])");
        if (inputShape[1] != WeightShape[1] * Group)
            throw Invalid($"input has {inputShape[1]} channels, the weights expect {WeightShape[1] * Group}");
        var spatial = Window.Bind(inputShape.AsSpan(2), Invalid);
        return [inputShape[0], OutputChannels, .. spatial];
    }

    internal override string EmitLinear(OnnxGraphWriter graph, string input, float[] weights, float[]? bias, int[] inputShape, int[] outputShape)
    {
        var w = graph.ConstantFor(weights, "conv_w", WeightShape.Select(d => (long)d).ToArray());
        string[] inputs = bias is null ? [input, w] : [input, w, graph.ConstantFor(bias, "conv_b", bias.Length)];
        return graph.Node("Conv", inputs, "conv", [.. Window.Attributes(), OnnxAttributes.MakeInt("group", Group)]);
    }

    internal override string EmitTransposed(OnnxGraphWriter graph, string signal, float[] weights, int[] inputShape, int[] outputShape) =>
        Transposed(graph, signal, weights, WeightShape, inputShape, outputShape);

    /// <summary>Wᵀ·s for weights of the given [M, C, k…] shape (the layer's own, or two sets stacked on C).</summary>
    private string Transposed(OnnxGraphWriter graph, string signal, float[] weights, int[] weightShape, int[] inputShape, int[] outputShape)
    {
        var rank = Window.Rank;
        var flippable = Group == 1 && weightShape[1] >= FlipMinimumChannels && Window.IsUnitStride && Window.IsUndilated
            && Enumerable.Range(0, rank).All(a => Window.Pads[a] <= Window.Kernel[a] - 1 && Window.Pads[a + rank] <= Window.Kernel[a] - 1);
        if (flippable)
        {
            var flipped = _flipped.GetValue(weights, w => Flip(w, weightShape));
            long[] shape = [weightShape[1], weightShape[0], .. weightShape.Skip(2).Select(d => (long)d)];
            var w = graph.ConstantFor(flipped, "convT_w", shape);
            var pads = new int[2 * rank];
            for (var a = 0; a < rank; a++)
            {
                pads[a] = Window.Kernel[a] - 1 - Window.Pads[a];
                pads[a + rank] = Window.Kernel[a] - 1 - Window.Pads[a + rank];
            }
            return graph.Node("Conv", [signal, w], "convT",
                OnnxAttributes.MakeInts("kernel_shape", Window.Kernel),
                OnnxAttributes.MakeInts("pads", pads));
        }
        var outputPadding = Window.OutputPadding(inputShape.AsSpan(2), outputShape.AsSpan(2));
        if (outputPadding.Any(p => p < 0))
            throw Invalid("this padding/stride combination cannot be transposed exactly (ceil_mode with overhanging windows)");
        var weightName = graph.ConstantFor(weights, "conv_w", weightShape.Select(d => (long)d).ToArray());
        return graph.Node("ConvTranspose", [signal, weightName], "convT",
            [.. Window.Attributes(), OnnxAttributes.MakeInt("group", Group), OnnxAttributes.MakeInts("output_padding", outputPadding)]);
    }

    /// <summary>[M, C, k…] → [C, M, k…] with every spatial axis reversed: the kernel of the transposed convolution.</summary>
    private static float[] Flip(float[] weights, int[] weightShape)
    {
        int m = weightShape[0], c = weightShape[1];
        var spatial = (int)Count(weightShape.Skip(2).ToArray());
        var result = new float[weights.Length];
        for (var o = 0; o < m; o++)
        for (var i = 0; i < c; i++)
        {
            var src = (o * c + i) * spatial;
            var dst = (i * m + o) * spatial;
            for (var k = 0; k < spatial; k++) result[dst + spatial - 1 - k] = weights[src + k];
        }
        return result;
    }
}
