using Google.Protobuf;
using Onnx;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>
/// A brain-age CNN as tf2onnx writes a Keras model of the kind the recipe test reproduces: uint8 input
/// [N, X, Y, Z, 1] → Cast → Transpose to channels first → three blocks of Conv3D(k6, TF "same": pads 2 before, 3
/// after) → ReLU → MaxPool(2) → BatchNormalization → GlobalAveragePool → Dense 16 → ReLU → Dense 1. Seeded
/// weights; the same seed writes the same bytes (the recipe reference's facts record their SHA-256).
/// </summary>
internal static class Conv6Network
{
    public static readonly int[] Channels = [4, 8, 8];
    public const int Kernel = 6;
    public const int Hidden = 16;

    /// <summary>Scales the output layer so predictions of raw uint8 brains fall around a few tens of years and differ between brains.</summary>
    public const float OutputScale = -0.5f;

    public static byte[] Build(int[] inputSize, int seed)
    {
        var random = new Random(seed);
        var g = new OnnxGraphWriter("tf2onnx");
        g.Reserve("input_1");
        g.Input("input_1", TensorProto.Types.DataType.Uint8, [-1, inputSize[0], inputSize[1], inputSize[2], 1]);
        var x = g.Node("Cast", ["input_1"], "cast", OnnxAttributes.MakeInt("to", (long)TensorProto.Types.DataType.Float));
        x = g.Node("Transpose", [x], "to_channels_first", OnnxAttributes.MakeInts("perm", new[] { 0, 4, 1, 2, 3 }));
        var inChannels = 1;
        foreach (var channels in Channels)
        {
            var fanIn = inChannels * Kernel * Kernel * Kernel;
            var w = g.Constant("conv_w", OnnxModelBuilder.Normal(random, channels * fanIn, Math.Sqrt(2.0 / fanIn)), channels, inChannels, Kernel, Kernel, Kernel);
            var b = g.Constant("conv_b", OnnxModelBuilder.Normal(random, channels, 0.05), channels);
            x = g.Node("Conv", [x, w, b], "conv",
                OnnxAttributes.MakeInts("kernel_shape", new[] { Kernel, Kernel, Kernel }),
                OnnxAttributes.MakeInts("pads", new[] { 2, 2, 2, 3, 3, 3 }),
                OnnxAttributes.MakeInts("strides", new[] { 1, 1, 1 }));
            x = g.Node("Relu", [x], "relu");
            x = g.Node("MaxPool", [x], "maxpool",
                OnnxAttributes.MakeInts("kernel_shape", new[] { 2, 2, 2 }),
                OnnxAttributes.MakeInts("strides", new[] { 2, 2, 2 }));
            x = g.Node("BatchNormalization",
                [x, g.Constant("bn_scale", Uniform(random, channels, 0.5, 1.5), channels), g.Constant("bn_bias", OnnxModelBuilder.Normal(random, channels, 0.1), channels),
                 g.Constant("bn_mean", OnnxModelBuilder.Normal(random, channels, 0.1), channels), g.Constant("bn_var", Uniform(random, channels, 0.5, 1.5), channels)],
                "bn", OnnxAttributes.MakeFloat("epsilon", 1e-3f));
            inChannels = channels;
        }
        x = g.Node("GlobalAveragePool", [x], "gap");
        x = g.Node("Squeeze", [x, g.ConstantInt64("squeeze_axes", [2, 3, 4], 3)], "squeeze");
        x = Dense(g, random, x, inChannels, Hidden, 1f);
        x = g.Node("Relu", [x], "relu");
        x = Dense(g, random, x, Hidden, 1, OutputScale);
        var output = g.Node("Identity", [x], "dense_out");
        g.Output(output, TensorProto.Types.DataType.Float, [-1, 1]);
        return g.ToModel(OnnxModelBuilder.Opset, "tf2onnx").ToByteArray();
    }

    private static string Dense(OnnxGraphWriter g, Random random, string x, int inputs, int outputs, float scale)
    {
        var w = OnnxModelBuilder.Normal(random, inputs * outputs, Math.Sqrt(2.0 / inputs)).Select(v => v * scale).ToArray();
        var b = OnnxModelBuilder.Normal(random, outputs, 0.05);
        x = g.Node("MatMul", [x, g.Constant("dense_w", w, inputs, outputs)], "matmul");
        return g.Node("Add", [x, g.Constant("dense_b", b, outputs)], "biasadd");
    }

    private static float[] Uniform(Random random, int count, double low, double high) =>
        Enumerable.Range(0, count).Select(_ => (float)(low + (high - low) * random.NextDouble())).ToArray();
}
