using System.Text.Json;
using Onnx;
using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Xai.Keras;

/// <summary>
/// Turns a Keras architecture and its stored weights into a <see cref="ChannelsLastNetwork"/>, layer by layer as Keras
/// computes them: convolutions and poolings with TensorFlow's 'same' padding (the odd padding element at the end),
/// kernels reordered from Keras's [k…, C, M] to ONNX's [M, C, k…], BatchNormalization from γ, β, moving mean and
/// variance (center/scale off: β = 0 / γ = 1), Flatten in Keras's channels-last order, inference-time identities
/// (Dropout) left out. Every layer is checked against the shape before it and every weight against the shape the layer
/// needs; errors name the file, the layer and the expectation.
/// </summary>
public static class KerasNetworkConverter
{
    private static readonly string[] ConvKeys = ["filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation", "use_bias"];
    private static readonly string[] PoolKeys = ["pool_size", "strides", "padding", "data_format"];
    private static readonly string[] DropoutKeys = ["rate", "noise_shape", "seed", "data_format"];

    /// <summary>The config keys each supported layer class reads (besides name, trainable and dtype).</summary>
    private static readonly Dictionary<string, string[]> Supported = new(StringComparer.Ordinal)
    {
        ["Conv2D"] = ConvKeys,
        ["Conv3D"] = ConvKeys,
        ["MaxPooling2D"] = PoolKeys,
        ["MaxPooling3D"] = PoolKeys,
        ["AveragePooling2D"] = PoolKeys,
        ["AveragePooling3D"] = PoolKeys,
        ["GlobalAveragePooling2D"] = ["data_format", "keepdims"],
        ["GlobalAveragePooling3D"] = ["data_format", "keepdims"],
        ["BatchNormalization"] = ["axis", "epsilon", "center", "scale", "momentum"],
        ["Dense"] = ["units", "activation", "use_bias"],
        ["Dropout"] = DropoutKeys,
        ["SpatialDropout2D"] = DropoutKeys,
        ["SpatialDropout3D"] = DropoutKeys,
        ["Flatten"] = ["data_format"],
        ["Activation"] = ["activation"],
        ["LeakyReLU"] = ["alpha", "negative_slope"],
        ["ReLU"] = ["max_value", "negative_slope", "threshold"],
    };

    /// <summary>Keras's own aliases for the same classes (MaxPool3D is MaxPooling3D).</summary>
    private static string Canonical(string className) => className switch
    {
        "MaxPool2D" => "MaxPooling2D",
        "MaxPool3D" => "MaxPooling3D",
        "AvgPool2D" => "AveragePooling2D",
        "AvgPool3D" => "AveragePooling3D",
        "GlobalAvgPool2D" => "GlobalAveragePooling2D",
        "GlobalAvgPool3D" => "GlobalAveragePooling3D",
        _ => className,
    };

    /// <summary>The keys a layer class accepts in an architecture TOML; null for classes that are not supported.</summary>
    public static IReadOnlySet<string>? KnownKeys(string className) =>
        Supported.TryGetValue(Canonical(className), out var keys) ? new HashSet<string>(keys.Append("trainable").Append("dtype"), StringComparer.Ordinal) : null;

    private static string SupportedList => string.Join(", ", Supported.Keys);

    public static ChannelsLastNetwork Convert(KerasArchitecture architecture, KerasWeightsFile weights)
    {
        var inputType = architecture.InputDataType switch
        {
            "float32" => TensorProto.Types.DataType.Float,
            "uint8" => TensorProto.Types.DataType.Uint8,
            var other => throw new InvalidInputException($"{architecture.Source}: input dtype '{other}'; float32 or uint8 expected."),
        };
        var state = new State(architecture.InputShape.ToArray(), weights);
        for (var i = 0; i < architecture.Layers.Count; i++)
        {
            var layer = architecture.Layers[i];
            Add(layer, state, isLast: i == architecture.Layers.Count - 1);
        }
        if (state.Shape.Length != 1)
            throw new InvalidInputException(
                $"{architecture.Source}: the model's output has shape [{string.Join(", ", state.Shape)}]; a flat output (after Dense, Flatten or global pooling) is expected.");
        var unused = weights.LayerNames.Where(n => !state.Used.Contains(n) && weights.Weights(n).Count > 0).ToList();
        if (unused.Count > 0)
            throw new InvalidInputException(
                $"Keras file '{weights.Path}': weights of layers that the architecture does not have: {string.Join(", ", unused)} (is the architecture the model's?).");
        return new ChannelsLastNetwork
        {
            InputName = architecture.InputName,
            InputShape = architecture.InputShape,
            InputType = inputType,
            Steps = state.Steps,
            OutputName = architecture.Layers[^1].Name,
            GraphName = System.IO.Path.GetFileNameWithoutExtension(weights.Path),
            Producer = "RelevanceRelated keras import",
        };
    }

    /// <summary>The shape after the layers so far (channels-last, no batch axis), the steps written, the weight groups read.</summary>
    private sealed class State(int[] shape, KerasWeightsFile weights)
    {
        public int[] Shape { get; set; } = shape;
        public List<NetworkStep> Steps { get; } = [];
        public HashSet<string> Used { get; } = new(StringComparer.Ordinal);
        public KerasWeightsFile File { get; } = weights;
        public string Describe => $"[{string.Join(", ", Shape)}]";
    }

    private static void Add(KerasLayer layer, State state, bool isLast)
    {
        var className = Canonical(layer.ClassName);
        if (!Supported.ContainsKey(className))
            throw layer.ClassName is "Sequential" or "Functional" or "Model"
                ? layer.Error("is a nested model; flatten it into one Sequential or Functional model.")
                : layer.Error($"layer type '{layer.ClassName}' is not supported; supported: {SupportedList}.");
        if (layer.Has("data_format") && layer.String("data_format", "channels_last") != "channels_last")
            throw layer.Error($"data_format '{layer.String("data_format", "")}'; only channels_last (Keras's default) is supported.");
        switch (className)
        {
            case "Conv2D" or "Conv3D":
                Convolution(layer, state, className == "Conv2D" ? 2 : 3, isLast);
                break;
            case "MaxPooling2D" or "MaxPooling3D" or "AveragePooling2D" or "AveragePooling3D":
                Pooling(layer, state, className.EndsWith("2D", StringComparison.Ordinal) ? 2 : 3,
                    className.StartsWith("Max", StringComparison.Ordinal) ? PoolingKind.Max : PoolingKind.Average);
                break;
            case "GlobalAveragePooling2D" or "GlobalAveragePooling3D":
                RequireImage(layer, state, className.EndsWith("2D", StringComparison.Ordinal) ? 2 : 3);
                state.Steps.Add(new GlobalAveragePoolingStep(layer.Name));
                state.Shape = [state.Shape[^1]];
                break;
            case "BatchNormalization":
                BatchNormalization(layer, state);
                break;
            case "Dense":
                Dense(layer, state, isLast);
                break;
            case "Flatten":
                if (state.Shape.Length > 1) state.Steps.Add(new FlattenStep(layer.Name));
                state.Shape = [state.Shape.Aggregate(1, (a, b) => a * b)];
                break;
            case "Activation":
                Activation(layer, state, layer.Activation(), layer.Name, isLast);
                break;
            case "LeakyReLU":
                var alpha = layer.Number("alpha", layer.Number("negative_slope", 0.3));
                state.Steps.Add(new ActivationStep(layer.Name, ActivationKind.LeakyRelu, (float)alpha));
                break;
            case "ReLU":
                if (layer.Has("max_value")) throw layer.Error($"max_value {layer.Number("max_value", 0)}: a capped ReLU is not supported.");
                if (layer.Number("threshold", 0) != 0) throw layer.Error($"threshold {layer.Number("threshold", 0)}: only threshold 0 is supported.");
                var slope = layer.Number("negative_slope", 0);
                state.Steps.Add(slope == 0 ? new ActivationStep(layer.Name, ActivationKind.Relu) : new ActivationStep(layer.Name, ActivationKind.LeakyRelu, (float)slope));
                break;
            default:
                // Dropout and its spatial variants are identities at inference.
                break;
        }
    }

    private static void Convolution(KerasLayer layer, State state, int rank, bool isLast)
    {
        RequireImage(layer, state, rank);
        var channels = state.Shape[^1];
        var filters = layer.Int("filters");
        var kernel = layer.Ints("kernel_size", rank);
        var strides = layer.Ints("strides", rank, Ones(rank));
        if (layer.Ints("dilation_rate", rank, Ones(rank)).Any(d => d != 1)) throw layer.Error("dilation_rate other than 1 is not supported.");
        if (layer.Int("groups", 1) != 1) throw layer.Error($"groups {layer.Int("groups", 1)}: only 1 is supported.");
        if (filters < 1 || kernel.Any(k => k < 1) || strides.Any(s => s < 1)) throw layer.Error("filters, kernel_size and strides must be positive.");
        var same = Padding(layer);
        var useBias = layer.Bool("use_bias", true);
        var weights = Weights(layer, state, useBias ? ["kernel", "bias"] : ["kernel"]);
        var kernelWeight = Expect(layer, state, weights, "kernel", [.. kernel, channels, filters], "kernel_size × input channels × filters");
        var bias = useBias ? Expect(layer, state, weights, "bias", [filters], "one per filter").Values : null;

        // [k…, C, M] (Keras) → [M, C, k…] (ONNX).
        var taps = kernel.Aggregate(1, (a, b) => a * b);
        var values = kernelWeight.Values;
        var onnx = new float[values.Length];
        for (var tap = 0; tap < taps; tap++)
        for (var c = 0; c < channels; c++)
        for (var m = 0; m < filters; m++)
            onnx[(m * channels + c) * taps + tap] = values[(tap * channels + c) * filters + m];

        var (pads, output) = Window(layer, state.Shape[..^1], kernel, strides, same);
        state.Steps.Add(new ConvolutionStep(layer.Name, onnx, [filters, channels, .. kernel], bias, strides, pads));
        state.Shape = [.. output, filters];
        Activation(layer, state, layer.Activation(), $"{layer.Name}_{layer.Activation()}", isLast);
    }

    private static void Pooling(KerasLayer layer, State state, int rank, PoolingKind kind)
    {
        RequireImage(layer, state, rank);
        var size = layer.Ints("pool_size", rank, Enumerable.Repeat(2, rank).ToArray());
        var strides = layer.Ints("strides", rank, size);
        if (size.Any(k => k < 1) || strides.Any(s => s < 1)) throw layer.Error("pool_size and strides must be positive.");
        var (pads, output) = Window(layer, state.Shape[..^1], size, strides, Padding(layer));
        state.Steps.Add(new PoolingStep(layer.Name, kind, size, strides, pads));
        state.Shape = [.. output, state.Shape[^1]];
    }

    private static void BatchNormalization(KerasLayer layer, State state)
    {
        var rank = state.Shape.Length + 1;
        var axis = Axis(layer);
        if (axis != -1 && axis != rank - 1)
            throw layer.Error($"normalises axis {axis} of a rank-{rank} tensor; only the channel axis (the last, channels_last) is supported.");
        var channels = state.Shape[^1];
        var center = layer.Bool("center", true);
        var scale = layer.Bool("scale", true);
        var roles = new List<string>();
        if (scale) roles.Add("gamma");
        if (center) roles.Add("beta");
        roles.AddRange(["moving_mean", "moving_variance"]);
        var weights = Weights(layer, state, [.. roles]);
        float[] Get(string role) => Expect(layer, state, weights, role, [channels], "one per channel").Values;
        var gamma = scale ? Get("gamma") : Enumerable.Repeat(1f, channels).ToArray();
        var beta = center ? Get("beta") : new float[channels];
        state.Steps.Add(new BatchNormStep(layer.Name, gamma, beta, Get("moving_mean"), Get("moving_variance"), (float)layer.Number("epsilon", 1e-3)));
    }

    private static int Axis(KerasLayer layer)
    {
        if (!layer.Config.TryGetProperty("axis", out var axis) || axis.ValueKind == JsonValueKind.Null) return -1;
        if (axis.ValueKind == JsonValueKind.Number && axis.TryGetInt32(out var single)) return single;
        if (axis.ValueKind == JsonValueKind.Array && axis.GetArrayLength() == 1 && axis[0].TryGetInt32(out var listed)) return listed;
        throw layer.Error($"axis {axis}: one axis (the channels) expected.");
    }

    private static void Dense(KerasLayer layer, State state, bool isLast)
    {
        if (state.Shape.Length != 1)
            throw layer.Error($"input of shape {state.Describe}; Dense is supported on flat inputs only (add Flatten or global pooling before it).");
        var units = layer.Int("units");
        if (units < 1) throw layer.Error($"units {units}: at least 1 expected.");
        var useBias = layer.Bool("use_bias", true);
        var weights = Weights(layer, state, useBias ? ["kernel", "bias"] : ["kernel"]);
        var inputs = state.Shape[0];
        var kernel = Expect(layer, state, weights, "kernel", [inputs, units], "input features × units");
        var bias = useBias ? Expect(layer, state, weights, "bias", [units], "one per unit").Values : null;
        state.Steps.Add(new DenseStep(layer.Name, kernel.Values, inputs, units, bias));
        state.Shape = [units];
        Activation(layer, state, layer.Activation(), $"{layer.Name}_{layer.Activation()}", isLast);
    }

    /// <summary>Appends an activation function by its Keras name (linear adds nothing).</summary>
    private static void Activation(KerasLayer layer, State state, string activation, string stepName, bool isLast)
    {
        switch (activation)
        {
            case "linear":
                return;
            case "relu":
                state.Steps.Add(new ActivationStep(stepName, ActivationKind.Relu));
                return;
            case "leaky_relu":
                // keras.activations.leaky_relu's default slope.
                state.Steps.Add(new ActivationStep(stepName, ActivationKind.LeakyRelu, 0.2f));
                return;
            case "softmax" when isLast:
                state.Steps.Add(new ActivationStep(stepName, ActivationKind.Softmax));
                return;
            case "softmax":
                throw layer.Error("softmax is supported only on the model's output (LRP explains the scores before it).");
            default:
                throw layer.Error($"activation '{activation}' is not supported; supported: relu, linear, leaky_relu, softmax (output only).");
        }
    }

    private static void RequireImage(KerasLayer layer, State state, int rank)
    {
        if (state.Shape.Length != rank + 1)
            throw layer.Error($"expects a {rank}-d image input [sizes…, channels]; its input has shape {state.Describe}.");
    }

    private static bool Padding(KerasLayer layer) => layer.String("padding", "valid").ToLowerInvariant() switch
    {
        "same" => true,
        "valid" => false,
        var other => throw layer.Error($"padding '{other}'; valid or same expected."),
    };

    /// <summary>
    /// Explicit pads (begin for every axis, then end) and output sizes of a window op: 'valid' pads nothing; 'same'
    /// outputs ceil(size/stride) and pads max((out − 1)·stride + k − size, 0), the odd element at the end (TensorFlow).
    /// </summary>
    private static (int[] Pads, int[] Output) Window(KerasLayer layer, int[] sizes, int[] window, int[] strides, bool same)
    {
        var rank = sizes.Length;
        var pads = new int[2 * rank];
        var output = new int[rank];
        for (var a = 0; a < rank; a++)
        {
            if (same)
            {
                output[a] = (sizes[a] + strides[a] - 1) / strides[a];
                var total = Math.Max((output[a] - 1) * strides[a] + window[a] - sizes[a], 0);
                pads[a] = total / 2;
                pads[a + rank] = total - total / 2;
            }
            else
            {
                if (sizes[a] < window[a])
                    throw layer.Error($"a window of {window[a]} on an input of size {sizes[a]} (axis {a}) leaves no output with 'valid' padding.");
                output[a] = (sizes[a] - window[a]) / strides[a] + 1;
            }
        }
        return (pads, output);
    }

    /// <summary>A layer's stored weights by role (kernel, bias, gamma, …: the last part of each weight's name without ':0').</summary>
    private static Dictionary<string, KerasWeight> Weights(KerasLayer layer, State state, string[] roles)
    {
        state.Used.Add(layer.Name);
        if (!state.File.LayerNames.Contains(layer.Name))
            throw layer.Error($"the file '{state.File.Path}' stores no weights for it (its layers: {string.Join(", ", state.File.LayerNames)}).");
        var byRole = new Dictionary<string, KerasWeight>(StringComparer.Ordinal);
        foreach (var weight in state.File.Weights(layer.Name))
        {
            var role = weight.Path.Split('/')[^1].Split(':')[0];
            if (!roles.Contains(role)) throw layer.Error($"unexpected weight '{weight.Path}' in '{state.File.Path}'; expected {string.Join(", ", roles)}.");
            byRole[role] = weight;
        }
        return byRole;
    }

    private static KerasWeight Expect(KerasLayer layer, State state, Dictionary<string, KerasWeight> weights, string role, int[] shape, string meaning)
    {
        if (!weights.TryGetValue(role, out var weight))
            throw layer.Error($"no '{role}' weight{InFile(layer, state)} (stored: {string.Join(", ", weights.Values.Select(w => w.Path))}).");
        if (!weight.Shape.SequenceEqual(shape))
            throw layer.Error($"'{weight.Path}'{InFile(layer, state)} has shape [{string.Join(", ", weight.Shape)}]; expected [{string.Join(", ", shape)}] ({meaning}).");
        return weight;
    }

    /// <summary>" in 'weights.h5'" when the layer was declared elsewhere (an architecture TOML), else nothing: the message names the file already.</summary>
    private static string InFile(KerasLayer layer, State state) =>
        layer.Where.Contains(state.File.Path, StringComparison.Ordinal) ? "" : $" in '{state.File.Path}'";

    private static int[] Ones(int rank) => Enumerable.Repeat(1, rank).ToArray();
}
