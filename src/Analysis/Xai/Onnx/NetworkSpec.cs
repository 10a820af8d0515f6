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

/// <summary>One convolution block: Conv (SAME padding, stride 1) → ReLU → optional MaxPool 3³ stride 2 SAME.</summary>
public sealed record ConvBlock(int Channels, int Kernel, bool Pool = true);

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
}
