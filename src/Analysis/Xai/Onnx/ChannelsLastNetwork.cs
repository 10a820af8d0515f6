using Onnx;

namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>
/// A sequential network as Keras holds it: a channels-last input [N, spatial…, C] and its layers in order, with
/// weights already in ONNX order and padding already resolved to explicit begin/end pads. The Keras importer and
/// the builder's tf2onnx-style models produce it; <see cref="OnnxModelBuilder.Build(ChannelsLastNetwork)"/> writes it
/// as tf2onnx would (a Transpose to channels-first after the input, Keras's element order at a Flatten).
/// </summary>
public sealed record ChannelsLastNetwork
{
    public required string InputName { get; init; }

    /// <summary>The input without the batch axis: spatial sizes, then channels.</summary>
    public required int[] InputShape { get; init; }

    /// <summary>Float, or uint8 (then a Cast to float follows the input, as tf2onnx writes image models).</summary>
    public TensorProto.Types.DataType InputType { get; init; } = TensorProto.Types.DataType.Float;

    public required IReadOnlyList<NetworkStep> Steps { get; init; }

    public string OutputName { get; init; } = "output";

    public string GraphName { get; init; } = "network";

    public string Producer { get; init; } = "RelevanceRelated";
}

/// <summary>One layer of a <see cref="ChannelsLastNetwork"/>; its name becomes the ONNX node's and its tensors' name.</summary>
public abstract record NetworkStep(string Name);

/// <summary>An N-d convolution: weights [M, C, k…] (ONNX order), strides and pads (begin for every axis, then end).</summary>
public sealed record ConvolutionStep(string Name, float[] Weights, int[] WeightShape, float[]? Bias, int[] Strides, int[] Pads) : NetworkStep(Name);

/// <summary>Which reduction a pooling window applies.</summary>
public enum PoolingKind
{
    Max,
    /// <summary>The mean over the window's real inputs (padding not counted, as TensorFlow's 'same').</summary>
    Average,
}

public sealed record PoolingStep(string Name, PoolingKind Kind, int[] Window, int[] Strides, int[] Pads) : NetworkStep(Name);

/// <summary>The mean over all spatial positions per channel, giving [N, C].</summary>
public sealed record GlobalAveragePoolingStep(string Name) : NetworkStep(Name);

/// <summary>Inference batch normalisation over the channel axis: y = γ·(x − μ)/√(σ² + ε) + β.</summary>
public sealed record BatchNormStep(string Name, float[] Gamma, float[] Beta, float[] Mean, float[] Variance, float Epsilon) : NetworkStep(Name);

/// <summary>The element-wise activations a network step may apply.</summary>
public enum ActivationKind
{
    Relu,
    /// <summary>max(x, 0) + α·min(x, 0).</summary>
    LeakyRelu,
    /// <summary>Over the last axis (a classifier's output; LRP explains the scores before it).</summary>
    Softmax,
}

public sealed record ActivationStep(string Name, ActivationKind Kind, float Alpha = 0f) : NetworkStep(Name);

/// <summary>Flattens [N, spatial…, C] in Keras's (channels-last, row-major) element order into [N, features].</summary>
public sealed record FlattenStep(string Name) : NetworkStep(Name);

/// <summary>z = x·W + b on [N, in], W stored [in, out] as Keras keeps it.</summary>
public sealed record DenseStep(string Name, float[] Weights, int Inputs, int Outputs, float[]? Bias) : NetworkStep(Name);
