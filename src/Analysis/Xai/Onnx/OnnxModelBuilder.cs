using Google.Protobuf;
using Onnx;

namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>
/// Writes small sequential 3-D CNNs as ONNX with seeded weights, in the shape the two common exporters give
/// them (see <see cref="ExportStyle"/>). Used by tests, benchmarks and demos in place of trained models.
/// </summary>
public static class OnnxModelBuilder
{
    public const int Opset = 17;

    public static byte[] Build(NetworkSpec spec, ExportStyle style) => BuildModel(spec, style).ToByteArray();

    public static ModelProto BuildModel(NetworkSpec spec, ExportStyle style)
    {
        if (spec.InputSize.Length != 3 || spec.InputSize.Any(s => s < 1))
            throw new InvalidInputException($"Network input size [{string.Join(", ", spec.InputSize)}]: three positive sizes expected.");
        var random = new Random(spec.Seed);
        var g = new OnnxGraphWriter(style == ExportStyle.PyTorch ? "main_graph" : "tf2onnx");
        var size = spec.InputSize.ToArray();
        string x;
        if (style == ExportStyle.PyTorch)
        {
            x = "input";
            g.Reserve(x);
            g.Input(x, TensorProto.Types.DataType.Float, [-1, 1, size[0], size[1], size[2]]);
        }
        else
        {
            g.Reserve("input_1");
            g.Input("input_1", TensorProto.Types.DataType.Uint8, [-1, size[0], size[1], size[2], 1]);
            x = g.Node("Cast", ["input_1"], "cast", OnnxAttributes.MakeInt("to", (long)TensorProto.Types.DataType.Float));
            x = g.Node("Transpose", [x], "to_channels_first", OnnxAttributes.MakeInts("perm", new[] { 0, 4, 1, 2, 3 }));
        }

        var channels = 1;
        foreach (var block in spec.Blocks)
        {
            var fanIn = channels * block.Kernel * block.Kernel * block.Kernel;
            var w = Normal(random, block.Channels * fanIn, Math.Sqrt(2.0 / fanIn));
            var b = Normal(random, block.Channels, 0.05);
            var w_ = g.Constant("conv_w", w, block.Channels, channels, block.Kernel, block.Kernel, block.Kernel);
            var b_ = g.Constant("conv_b", b, block.Channels);
            var before = (block.Kernel - 1) / 2;
            var after = block.Kernel - 1 - before;
            x = g.Node("Conv", [x, w_, b_], "conv",
                OnnxAttributes.MakeInts("kernel_shape", new[] { block.Kernel, block.Kernel, block.Kernel }),
                OnnxAttributes.MakeInts("pads", new[] { before, before, before, after, after, after }),
                OnnxAttributes.MakeInts("strides", new[] { 1, 1, 1 }));
            channels = block.Channels;
            if (spec.BatchNorm && style == ExportStyle.PyTorch) x = BatchNorm(g, random, x, channels);
            x = g.Node("Relu", [x], "relu");
            if (block.Pool)
            {
                int[] pads;
                if (style == ExportStyle.PyTorch)
                {
                    pads = [1, 1, 1, 1, 1, 1];
                    size = size.Select(s => (s + 2 - 3) / 2 + 1).ToArray();
                }
                else
                {
                    // TensorFlow SAME: output ceil(s/2), the odd padding element goes at the end.
                    var outSize = size.Select(s => (s + 1) / 2).ToArray();
                    var total = size.Select((s, a) => Math.Max((outSize[a] - 1) * 2 + 3 - s, 0)).ToArray();
                    pads = [.. total.Select(t => t / 2), .. total.Select(t => t - t / 2)];
                    size = outSize;
                }
                x = g.Node("MaxPool", [x], "maxpool",
                    OnnxAttributes.MakeInts("kernel_shape", new[] { 3, 3, 3 }),
                    OnnxAttributes.MakeInts("strides", new[] { 2, 2, 2 }),
                    OnnxAttributes.MakeInts("pads", pads));
                if (spec.BatchNorm && style == ExportStyle.Tf2Onnx) x = BatchNorm(g, random, x, channels);
            }
        }

        int features;
        if (spec.Head == NetworkHead.GlobalAveragePool)
        {
            x = g.Node("GlobalAveragePool", [x], "gap");
            x = style == ExportStyle.PyTorch
                ? g.Node("Flatten", [x], "flatten", OnnxAttributes.MakeInt("axis", 1))
                : g.Node("Squeeze", [x, g.ConstantInt64("squeeze_axes", [2, 3, 4], 3)], "squeeze");
            features = channels;
        }
        else
        {
            features = channels * size[0] * size[1] * size[2];
            if (style == ExportStyle.PyTorch) x = g.Node("Flatten", [x], "flatten", OnnxAttributes.MakeInt("axis", 1));
            else
            {
                x = g.Node("Transpose", [x], "to_channels_last", OnnxAttributes.MakeInts("perm", new[] { 0, 2, 3, 4, 1 }));
                x = g.Node("Reshape", [x, g.ConstantInt64("flat_shape", [-1, features], 2)], "flatten");
            }
        }

        var sizes = spec.Hidden.Append(spec.Outputs).ToArray();
        for (var i = 0; i < sizes.Length; i++)
        {
            var w = Normal(random, features * sizes[i], Math.Sqrt(2.0 / features));
            var b = Normal(random, sizes[i], 0.05);
            if (style == ExportStyle.PyTorch)
            {
                // torch.nn.Linear keeps W as [out, in]; the exporter writes Gemm with transB = 1.
                var wt = new float[w.Length];
                for (var r = 0; r < features; r++)
                for (var c = 0; c < sizes[i]; c++)
                    wt[c * features + r] = w[r * sizes[i] + c];
                x = g.Node("Gemm", [x, g.Constant("fc_w", wt, sizes[i], features), g.Constant("fc_b", b, sizes[i])], "gemm",
                    OnnxAttributes.MakeFloat("alpha", 1f), OnnxAttributes.MakeFloat("beta", 1f), OnnxAttributes.MakeInt("transB", 1));
            }
            else
            {
                x = g.Node("MatMul", [x, g.Constant("dense_w", w, features, sizes[i])], "matmul");
                x = g.Node("Add", [x, g.Constant("dense_b", b, sizes[i])], "biasadd");
            }
            if (i < sizes.Length - 1 || (style == ExportStyle.Tf2Onnx && spec.FinalRelu)) x = g.Node("Relu", [x], "relu");
            features = sizes[i];
        }
        if (spec.FinalSoftmax) x = g.Node("Softmax", [x], "softmax", OnnxAttributes.MakeInt("axis", -1));
        var output = g.Node("Identity", [x], style == ExportStyle.PyTorch ? "output" : "dense_out");
        g.Output(output, TensorProto.Types.DataType.Float, [-1, spec.Outputs]);
        return g.ToModel(Opset, style == ExportStyle.PyTorch ? "pytorch" : "tf2onnx");
    }

    /// <summary>A model of one Conv layer (float [1, C, D, H, W] input), for rule tests.</summary>
    public static byte[] SingleConvolution(int inChannels, int outChannels, int[] inputSize, int kernel, int stride, int pad, bool bias, int seed)
    {
        var random = new Random(seed);
        var g = new OnnxGraphWriter("single_conv");
        g.Reserve("x");
        g.Input("x", TensorProto.Types.DataType.Float, [1, inChannels, .. inputSize.Select(s => (long)s)]);
        var fanIn = inChannels * kernel * kernel * kernel;
        var w = g.Constant("w", Normal(random, outChannels * fanIn, Math.Sqrt(2.0 / fanIn)), outChannels, inChannels, kernel, kernel, kernel);
        string[] inputs = bias ? ["x", w, g.Constant("b", Normal(random, outChannels, 0.3), outChannels)] : ["x", w];
        var y = g.Node("Conv", inputs, "y",
            OnnxAttributes.MakeInts("kernel_shape", new[] { kernel, kernel, kernel }),
            OnnxAttributes.MakeInts("strides", new[] { stride, stride, stride }),
            OnnxAttributes.MakeInts("pads", Enumerable.Repeat(pad, 6)));
        var outSize = inputSize.Select(s => (s + 2 * pad - kernel) / stride + 1).ToArray();
        g.Output(y, TensorProto.Types.DataType.Float, [1, outChannels, .. outSize.Select(s => (long)s)]);
        return g.ToModel(Opset).ToByteArray();
    }

    /// <summary>A model of one dense layer (float [1, in] input, Gemm with transB as PyTorch writes it), for rule tests.</summary>
    public static byte[] SingleDense(int inputs, int outputs, bool bias, int seed)
    {
        var random = new Random(seed);
        var g = new OnnxGraphWriter("single_dense");
        g.Reserve("x");
        g.Input("x", TensorProto.Types.DataType.Float, [1, inputs]);
        var w = g.Constant("w", Normal(random, outputs * inputs, Math.Sqrt(2.0 / inputs)), outputs, inputs);
        string[] args = bias ? ["x", w, g.Constant("b", Normal(random, outputs, 0.3), outputs)] : ["x", w];
        var y = g.Node("Gemm", args, "y", OnnxAttributes.MakeInt("transB", 1));
        g.Output(y, TensorProto.Types.DataType.Float, [1, outputs]);
        return g.ToModel(Opset).ToByteArray();
    }

    private static string BatchNorm(OnnxGraphWriter g, Random random, string x, int channels)
    {
        var gamma = Uniform(random, channels, 0.5, 1.5);
        var beta = Normal(random, channels, 0.1);
        var mean = Normal(random, channels, 0.1);
        var variance = Uniform(random, channels, 0.5, 1.5);
        return g.Node("BatchNormalization",
            [x, g.Constant("bn_scale", gamma, channels), g.Constant("bn_bias", beta, channels),
             g.Constant("bn_mean", mean, channels), g.Constant("bn_var", variance, channels)],
            "bn", OnnxAttributes.MakeFloat("epsilon", 1e-3f));
    }

    /// <summary>Normally distributed values (Box–Muller) with the given standard deviation.</summary>
    public static float[] Normal(Random random, int count, double sd)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = (float)(sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return values;
    }

    private static float[] Uniform(Random random, int count, double low, double high) =>
        Enumerable.Range(0, count).Select(_ => (float)(low + (high - low) * random.NextDouble())).ToArray();
}
