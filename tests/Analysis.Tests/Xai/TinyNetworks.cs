using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Analysis.Tests.Xai;

/// <summary>Small networks of both export styles for whole-network tests (fast enough for finite differences).</summary>
internal static class TinyNetworks
{
    /// <summary>Two 3³ conv blocks with overlapping max pooling, a 1³ conv, a hidden dense layer, one output.</summary>
    public static NetworkSpec Spec(bool batchNorm, NetworkHead head = NetworkHead.Flatten, int seed = 3) => new()
    {
        InputSize = [7, 8, 9],
        Blocks = [new(4, 3), new(5, 3), new(3, 1, Pool: false)],
        Hidden = [6],
        Head = head,
        BatchNorm = batchNorm,
        FinalRelu = false,
        Seed = seed,
    };

    /// <summary>An input in the model's layout: normal values for float models, integers 0–255 for uint8 models.</summary>
    public static float[] Input(ExportStyle style, int count, int seed)
    {
        var random = new Random(seed);
        return style == ExportStyle.PyTorch
            ? OnnxModelBuilder.Normal(random, count, 1.0)
            : Enumerable.Range(0, count).Select(_ => (float)random.Next(0, 256)).ToArray();
    }
}
