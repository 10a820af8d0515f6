namespace RelevanceRelated.Analysis.Xai.Onnx;

/// <summary>How the builder writes a network: as torch.onnx.export or as tf2onnx would.</summary>
public enum ExportStyle
{
    /// <summary>Float [N, 1, D, H, W] input, Conv with bias (BatchNorm folded unless asked otherwise), symmetric pads, Flatten, Gemm.</summary>
    PyTorch,
    /// <summary>uint8 [N, D, H, W, 1] input, Cast, Transpose to channels-first, SAME pads, BatchNormalization after MaxPool, MatMul + Add, final Relu.</summary>
    Tf2Onnx,
}

/// <summary>How the convolutional part ends before the dense layers.</summary>
public enum NetworkHead
{
    Flatten,
    GlobalAveragePool,
}

/// <summary>
/// One convolution block: Conv (SAME padding, stride 1) → ReLU → optional MaxPool (PoolSize³, stride PoolStride). The
/// pooling pads as the export style does when <paramref name="PoolSame"/> (PyTorch: (PoolSize − 1)/2 on both sides;
/// tf2onnx: TensorFlow's SAME, the odd element at the end), and not at all otherwise (Keras's default 'valid').
/// </summary>
public sealed record ConvBlock(int Channels, int Kernel, bool Pool = true, int PoolSize = 3, int PoolStride = 2, bool PoolSame = true);

/// <summary>A sequential 3-D CNN for the builder: convolution blocks, a head, hidden dense layers with ReLU, an output dense layer.</summary>
public sealed record NetworkSpec
{
    /// <summary>Spatial input size (D, H, W).</summary>
    public required int[] InputSize { get; init; }

    public required IReadOnlyList<ConvBlock> Blocks { get; init; }

    public IReadOnlyList<int> Hidden { get; init; } = [];

    public int Outputs { get; init; } = 1;

    public NetworkHead Head { get; init; } = NetworkHead.Flatten;

    /// <summary>Add BatchNormalization: PyTorch style after each Conv (unfolded), tf2onnx style after each MaxPool.</summary>
    public bool BatchNorm { get; init; }

    /// <summary>tf2onnx style: a Relu on the output (brain-age models clamp predictions at 0).</summary>
    public bool FinalRelu { get; init; } = true;

    /// <summary>Append a Softmax to the output (a classifier export; LRP refuses it unless stripped).</summary>
    public bool FinalSoftmax { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>
    /// MRInet's topology (Conv3D 16, 16, 32, 64 with 3³ kernels and 32 with 1³, each SAME with ReLU and MaxPool 3³
    /// stride 2 SAME; Flatten; Dense 64 ReLU; Dense 1) at a cubic input.
    /// </summary>
    public static NetworkSpec MriNet(int cube, int seed = 1) => new()
    {
        InputSize = [cube, cube, cube],
        Blocks = [new(16, 3), new(16, 3), new(32, 3), new(64, 3), new(32, 1)],
        Hidden = [64],
        Outputs = 1,
        Seed = seed,
    };

    /// <summary>The spatial input of <see cref="Conv6"/>: a 1 mm T1 zoomed by 0.5 and cropped, as tf2onnx brain-age CNNs take it.</summary>
    public static readonly int[] Conv6InputSize = [82, 86, 100];

    /// <summary>
    /// The tf2onnx brain-age CNN topology of issue 17 (write it with <see cref="ExportStyle.Tf2Onnx"/>: uint8 input,
    /// BatchNormalization after each pooling): four blocks Conv3D 8, 16, 32, 64 with 6³ kernels (SAME) → ReLU →
    /// MaxPool 2³ stride 2 ('valid') → BatchNormalization; GlobalAveragePool; Dense 64 ReLU; Dense 1 (ReLU).
    /// </summary>
    public static NetworkSpec Conv6(int[]? inputSize = null, int seed = 1) => new()
    {
        InputSize = inputSize ?? Conv6InputSize,
        Blocks = [.. new[] { 8, 16, 32, 64 }.Select(c => new ConvBlock(c, 6, PoolSize: 2, PoolStride: 2, PoolSame: false))],
        Hidden = [64],
        Outputs = 1,
        Head = NetworkHead.GlobalAveragePool,
        BatchNorm = true,
        Seed = seed,
    };
}
