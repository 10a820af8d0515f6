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
        return style == ExportStyle.PyTorch ? BuildPyTorch(spec) : BuildModel(Tf2OnnxNetwork(spec));
    }

    private static ModelProto BuildPyTorch(NetworkSpec spec)
    {
        var random = new Random(spec.Seed);
        var g = new OnnxGraphWriter("main_graph");
        var size = spec.InputSize.ToArray();
        var x = "input";
        g.Reserve(x);
        g.Input(x, TensorProto.Types.DataType.Float, [-1, 1, size[0], size[1], size[2]]);

        var channels = 1;
        foreach (var block in spec.Blocks)
        {
            var (w, b) = ConvWeights(random, block, channels);
            var w_ = g.Constant("conv_w", w, block.Channels, channels, block.Kernel, block.Kernel, block.Kernel);
            var b_ = g.Constant("conv_b", b, block.Channels);
            x = g.Node("Conv", [x, w_, b_], "conv",
                OnnxAttributes.MakeInts("kernel_shape", new[] { block.Kernel, block.Kernel, block.Kernel }),
                OnnxAttributes.MakeInts("pads", SamePads(block.Kernel, 3)),
                OnnxAttributes.MakeInts("strides", new[] { 1, 1, 1 }));
            channels = block.Channels;
            if (spec.BatchNorm) x = BatchNorm(g, BatchNormStep(random, "bn", channels), x);
            x = g.Node("Relu", [x], "relu");
            if (block.Pool)
            {
                var pad = block.PoolSame ? (block.PoolSize - 1) / 2 : 0;
                size = size.Select(s => (s + 2 * pad - block.PoolSize) / block.PoolStride + 1).ToArray();
                x = g.Node("MaxPool", [x], "maxpool",
                    OnnxAttributes.MakeInts("kernel_shape", Enumerable.Repeat(block.PoolSize, 3)),
                    OnnxAttributes.MakeInts("strides", Enumerable.Repeat(block.PoolStride, 3)),
                    OnnxAttributes.MakeInts("pads", Enumerable.Repeat(pad, 6)));
            }
        }

        int features;
        if (spec.Head == NetworkHead.GlobalAveragePool)
        {
            x = g.Node("GlobalAveragePool", [x], "gap");
            features = channels;
        }
        else features = channels * size[0] * size[1] * size[2];
        x = g.Node("Flatten", [x], "flatten", OnnxAttributes.MakeInt("axis", 1));

        var sizes = spec.Hidden.Append(spec.Outputs).ToArray();
        for (var i = 0; i < sizes.Length; i++)
        {
            var (w, b) = DenseWeights(random, features, sizes[i]);
            // torch.nn.Linear keeps W as [out, in]; the exporter writes Gemm with transB = 1.
            var wt = new float[w.Length];
            for (var r = 0; r < features; r++)
            for (var c = 0; c < sizes[i]; c++)
                wt[c * features + r] = w[r * sizes[i] + c];
            x = g.Node("Gemm", [x, g.Constant("fc_w", wt, sizes[i], features), g.Constant("fc_b", b, sizes[i])], "gemm",
                OnnxAttributes.MakeFloat("alpha", 1f), OnnxAttributes.MakeFloat("beta", 1f), OnnxAttributes.MakeInt("transB", 1));
            if (i < sizes.Length - 1) x = g.Node("Relu", [x], "relu");
            features = sizes[i];
        }
        if (spec.FinalSoftmax) x = g.Node("Softmax", [x], "softmax", OnnxAttributes.MakeInt("axis", -1));
        var output = g.Node("Identity", [x], "output");
        g.Output(output, TensorProto.Types.DataType.Float, [-1, spec.Outputs]);
        return g.ToModel(Opset, "pytorch");
    }

    /// <summary>The spec as tf2onnx exports a Keras model of it: uint8 channels-last input, BatchNormalization after each pooling.</summary>
    private static ChannelsLastNetwork Tf2OnnxNetwork(NetworkSpec spec)
    {
        var random = new Random(spec.Seed);
        var size = spec.InputSize.ToArray();
        var steps = new List<NetworkStep>();
        var channels = 1;
        foreach (var block in spec.Blocks)
        {
            var (w, b) = ConvWeights(random, block, channels);
            steps.Add(new ConvolutionStep("conv", w, [block.Channels, channels, block.Kernel, block.Kernel, block.Kernel], b, [1, 1, 1],
                SamePads(block.Kernel, 3)));
            channels = block.Channels;
            steps.Add(new ActivationStep("relu", ActivationKind.Relu));
            if (!block.Pool) continue;
            int[] pads;
            if (block.PoolSame)
            {
                // TensorFlow SAME: output ceil(s/stride), the odd padding element goes at the end.
                var outSize = size.Select(s => (s + block.PoolStride - 1) / block.PoolStride).ToArray();
                var total = size.Select((s, a) => Math.Max((outSize[a] - 1) * block.PoolStride + block.PoolSize - s, 0)).ToArray();
                pads = [.. total.Select(t => t / 2), .. total.Select(t => t - t / 2)];
                size = outSize;
            }
            else
            {
                pads = new int[6];
                size = size.Select(s => (s - block.PoolSize) / block.PoolStride + 1).ToArray();
            }
            steps.Add(new PoolingStep("maxpool", PoolingKind.Max, [block.PoolSize, block.PoolSize, block.PoolSize],
                [block.PoolStride, block.PoolStride, block.PoolStride], pads));
            if (spec.BatchNorm) steps.Add(BatchNormStep(random, "bn", channels));
        }

        int features;
        if (spec.Head == NetworkHead.GlobalAveragePool)
        {
            steps.Add(new GlobalAveragePoolingStep("gap"));
            features = channels;
        }
        else
        {
            steps.Add(new FlattenStep("flatten"));
            features = channels * size[0] * size[1] * size[2];
        }

        var sizes = spec.Hidden.Append(spec.Outputs).ToArray();
        for (var i = 0; i < sizes.Length; i++)
        {
            var (w, b) = DenseWeights(random, features, sizes[i]);
            steps.Add(new DenseStep("dense", w, features, sizes[i], b));
            if (i < sizes.Length - 1 || spec.FinalRelu) steps.Add(new ActivationStep("relu", ActivationKind.Relu));
            features = sizes[i];
        }
        if (spec.FinalSoftmax) steps.Add(new ActivationStep("softmax", ActivationKind.Softmax));
        return new ChannelsLastNetwork
        {
            InputName = "input_1",
            InputShape = [.. spec.InputSize, 1],
            InputType = TensorProto.Types.DataType.Uint8,
            Steps = steps,
            OutputName = "dense_out",
            GraphName = "tf2onnx",
            Producer = "tf2onnx",
        };
    }

    public static byte[] Build(ChannelsLastNetwork network) => BuildModel(network).ToByteArray();

    /// <summary>
    /// Writes a channels-last network as tf2onnx does: the input [N, spatial…, C] (uint8 inputs cast to float), a
    /// Transpose to channels-first, the layers with explicit pads, and at a Flatten a Transpose back so that features
    /// keep Keras's order. Every step is checked against the shape before it.
    /// </summary>
    public static ModelProto BuildModel(ChannelsLastNetwork network)
    {
        var rank = network.InputShape.Length - 1;
        if (rank < 1 || network.InputShape.Any(d => d < 1))
            throw new InvalidInputException($"Network input shape [{string.Join(", ", network.InputShape)}]: spatial sizes and a channel count, all positive, expected.");
        var g = new OnnxGraphWriter(network.GraphName);
        g.Reserve(network.InputName);
        g.Reserve(network.OutputName);
        g.Input(network.InputName, network.InputType, [-1, .. network.InputShape.Select(d => (long)d)]);
        var x = network.InputName;
        if (network.InputType == TensorProto.Types.DataType.Uint8)
            x = g.Node("Cast", [x], "cast", OnnxAttributes.MakeInt("to", (long)TensorProto.Types.DataType.Float));
        else if (network.InputType != TensorProto.Types.DataType.Float)
            throw new InvalidInputException($"Network input type {network.InputType}: float or uint8 expected.");
        x = g.Node("Transpose", [x], "to_channels_first", OnnxAttributes.MakeInts("perm", [0, rank + 1, .. Enumerable.Range(1, rank)]));
        // The current tensor at batch 1, channels-first while it is an image, [1, features] once flat.
        int[] shape = [1, network.InputShape[^1], .. network.InputShape[..^1]];

        foreach (var step in network.Steps)
        {
            InvalidInputException Bad(string what) => new($"Network layer '{step.Name}': {what} (input [{string.Join(", ", shape)}], channels-first).");
            var image = shape.Length == rank + 2;
            switch (step)
            {
                case ConvolutionStep c:
                    if (!image || c.WeightShape.Length != rank + 2 || c.WeightShape[1] != shape[1])
                        throw Bad($"weights [{string.Join(", ", c.WeightShape)}] do not fit; [M, {shape[1]}, {rank} kernel sizes] expected");
                    CheckWindow(c.Strides, c.Pads, rank, Bad);
                    x = g.Node("Conv", c.Bias is null
                            ? [x, g.Constant($"{c.Name}_w", c.Weights, [.. c.WeightShape.Select(d => (long)d)])]
                            : [x, g.Constant($"{c.Name}_w", c.Weights, [.. c.WeightShape.Select(d => (long)d)]), g.Constant($"{c.Name}_b", c.Bias, c.Bias.Length)],
                        c.Name,
                        OnnxAttributes.MakeInts("kernel_shape", c.WeightShape[2..]),
                        OnnxAttributes.MakeInts("pads", c.Pads),
                        OnnxAttributes.MakeInts("strides", c.Strides));
                    shape = [1, c.WeightShape[0], .. Windowed(shape, c.WeightShape[2..], c.Strides, c.Pads, Bad)];
                    break;
                case PoolingStep p:
                    if (!image) throw Bad("pooling needs an image tensor");
                    CheckWindow(p.Strides, p.Pads, rank, Bad);
                    if (p.Window.Length != rank) throw Bad($"a window of {p.Window.Length} sizes for {rank} spatial axes");
                    x = g.Node(p.Kind == PoolingKind.Max ? "MaxPool" : "AveragePool", [x], p.Name,
                        OnnxAttributes.MakeInts("kernel_shape", p.Window),
                        OnnxAttributes.MakeInts("strides", p.Strides),
                        OnnxAttributes.MakeInts("pads", p.Pads));
                    shape = [1, shape[1], .. Windowed(shape, p.Window, p.Strides, p.Pads, Bad)];
                    break;
                case GlobalAveragePoolingStep gap:
                    if (!image) throw Bad("global pooling needs an image tensor");
                    x = g.Node("GlobalAveragePool", [x], gap.Name);
                    x = g.Node("Squeeze", [x, g.ConstantInt64("squeeze_axes", [.. Enumerable.Range(2, rank).Select(a => (long)a)], rank)], "squeeze");
                    shape = [1, shape[1]];
                    break;
                case BatchNormStep bn:
                    var channels = shape[1];
                    if (new[] { bn.Gamma, bn.Beta, bn.Mean, bn.Variance }.Any(v => v.Length != channels))
                        throw Bad($"batch normalisation parameters for {bn.Gamma.Length} channels where {channels} were expected");
                    x = BatchNorm(g, bn, x);
                    break;
                case ActivationStep a:
                    x = a.Kind switch
                    {
                        ActivationKind.Relu => g.Node("Relu", [x], a.Name),
                        ActivationKind.LeakyRelu => g.Node("LeakyRelu", [x], a.Name, OnnxAttributes.MakeFloat("alpha", a.Alpha)),
                        _ => g.Node("Softmax", [x], a.Name, OnnxAttributes.MakeInt("axis", -1)),
                    };
                    break;
                case FlattenStep f:
                    if (image)
                    {
                        x = g.Node("Transpose", [x], "to_channels_last", OnnxAttributes.MakeInts("perm", [0, .. Enumerable.Range(2, rank), 1]));
                        var features = (int)Layers.Layer.Count(shape);
                        x = g.Node("Reshape", [x, g.ConstantInt64("flat_shape", [-1, features], 2)], f.Name);
                        shape = [1, features];
                    }
                    break;
                case DenseStep d:
                    if (image || shape[1] != d.Inputs || d.Weights.Length != d.Inputs * d.Outputs || d.Bias is { } b && b.Length != d.Outputs)
                        throw Bad($"a dense layer of {d.Inputs} inputs and {d.Outputs} outputs needs a flat input of {d.Inputs} features");
                    x = g.Node("MatMul", [x, g.Constant($"{d.Name}_w", d.Weights, d.Inputs, d.Outputs)], d.Bias is null ? d.Name : $"{d.Name}_matmul");
                    if (d.Bias is not null) x = g.Node("Add", [x, g.Constant($"{d.Name}_b", d.Bias, d.Outputs)], d.Name);
                    shape = [1, d.Outputs];
                    break;
                default:
                    throw Bad($"step type {step.GetType().Name} is not written by the builder");
            }
        }
        if (shape.Length != 2) throw new InvalidInputException($"Network '{network.GraphName}': the output has shape [{string.Join(", ", shape)}]; a flat [N, outputs] output expected (add Flatten or global pooling).");
        var output = g.NodeTo("Identity", [x], network.OutputName);
        g.Output(output, TensorProto.Types.DataType.Float, [-1, shape[1]]);
        return g.ToModel(Opset, network.Producer);
    }

    private static void CheckWindow(int[] strides, int[] pads, int rank, Func<string, InvalidInputException> bad)
    {
        if (strides.Length != rank || pads.Length != 2 * rank || strides.Any(s => s < 1) || pads.Any(p => p < 0))
            throw bad($"strides [{string.Join(", ", strides)}] and pads [{string.Join(", ", pads)}]: {rank} strides ≥ 1 and {2 * rank} pads ≥ 0 expected");
    }

    /// <summary>The spatial output sizes of a window op (floor mode).</summary>
    private static int[] Windowed(int[] shape, int[] window, int[] strides, int[] pads, Func<string, InvalidInputException> bad)
    {
        var rank = window.Length;
        var result = new int[rank];
        for (var a = 0; a < rank; a++)
        {
            var span = shape[a + 2] + pads[a] + pads[a + rank] - window[a];
            if (span < 0) throw bad($"the window ({window[a]}) is larger than the padded input on spatial axis {a}");
            result[a] = span / strides[a] + 1;
        }
        return result;
    }

    /// <summary>TensorFlow's SAME pads of a stride-1 kernel: (k − 1)/2 before, the rest after, on every axis.</summary>
    private static int[] SamePads(int kernel, int rank)
    {
        var before = (kernel - 1) / 2;
        return [.. Enumerable.Repeat(before, rank), .. Enumerable.Repeat(kernel - 1 - before, rank)];
    }

    private static (float[] Weights, float[] Bias) ConvWeights(Random random, ConvBlock block, int channels)
    {
        var fanIn = channels * block.Kernel * block.Kernel * block.Kernel;
        var w = Normal(random, block.Channels * fanIn, Math.Sqrt(2.0 / fanIn));
        return (w, Normal(random, block.Channels, 0.05));
    }

    private static (float[] Weights, float[] Bias) DenseWeights(Random random, int inputs, int outputs)
    {
        var w = Normal(random, inputs * outputs, Math.Sqrt(2.0 / inputs));
        return (w, Normal(random, outputs, 0.05));
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

    private static BatchNormStep BatchNormStep(Random random, string name, int channels)
    {
        var gamma = Uniform(random, channels, 0.5, 1.5);
        var beta = Normal(random, channels, 0.1);
        var mean = Normal(random, channels, 0.1);
        var variance = Uniform(random, channels, 0.5, 1.5);
        return new BatchNormStep(name, gamma, beta, mean, variance, 1e-3f);
    }

    private static string BatchNorm(OnnxGraphWriter g, BatchNormStep bn, string x)
    {
        var channels = bn.Gamma.Length;
        return g.Node("BatchNormalization",
            [x, g.Constant($"{bn.Name}_scale", bn.Gamma, channels), g.Constant($"{bn.Name}_bias", bn.Beta, channels),
             g.Constant($"{bn.Name}_mean", bn.Mean, channels), g.Constant($"{bn.Name}_var", bn.Variance, channels)],
            bn.Name, OnnxAttributes.MakeFloat("epsilon", bn.Epsilon));
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
