using Onnx;
using RelevanceRelated.Analysis.Xai.Layers;

namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>Where the channel axis of a model's image input is.</summary>
public enum InputLayout
{
    /// <summary>[N, C, spatial…] (PyTorch).</summary>
    ChannelsFirst,
    /// <summary>[N, spatial…, C] (Keras/TensorFlow).</summary>
    ChannelsLast,
}

/// <summary>
/// A sequential model after canonicalisation: its input, the layers in order and the shape of every tensor
/// between them (Shapes[0] is the input at batch size 1, Shapes[i + 1] the output of Layers[i]).
/// </summary>
public sealed record CanonicalModel(
    string Source,
    string Sha256,
    long Opset,
    string InputName,
    TensorProto.Types.DataType InputType,
    long[] DeclaredInputShape,
    string OutputName,
    IReadOnlyList<Layer> Layers,
    IReadOnlyList<int[]> Shapes)
{
    public int[] InputShape => Shapes[0];

    public int[] OutputShape => Shapes[^1];

    /// <summary>
    /// The channel axis, detected from the input shape: a single channel (or the smaller of the two candidate
    /// axes) at axis 1 means channels-first, at the last axis channels-last.
    /// </summary>
    public InputLayout Layout => DetectLayout(InputShape);

    /// <summary>The layout of an input shape [N, …]: see <see cref="Layout"/>.</summary>
    public static InputLayout DetectLayout(IReadOnlyList<long> shape)
    {
        if (shape.Count < 3) return InputLayout.ChannelsFirst;
        if (shape[1] == 1 && shape[^1] != 1) return InputLayout.ChannelsFirst;
        if (shape[^1] == 1 && shape[1] != 1) return InputLayout.ChannelsLast;
        return shape[^1] < shape[1] ? InputLayout.ChannelsLast : InputLayout.ChannelsFirst;
    }

    private static InputLayout DetectLayout(int[] shape) => DetectLayout(shape.Select(d => (long)d).ToArray());

    /// <summary>The spatial shape of the input (without batch and channel axes).</summary>
    public int[] SpatialShape => Layout == InputLayout.ChannelsFirst ? InputShape[2..] : InputShape[1..^1];

    public int Channels => Layout == InputLayout.ChannelsFirst ? InputShape[1] : InputShape[^1];
}
