using RelevanceRelated.Analysis.Xai.Onnx;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>A two-base-model brain-age sub-ensemble from the project's ONNX builder: 24³ input at 4 mm, linear head.</summary>
public static class TinyBrainAgeModel
{
    /// <summary>Writes the ONNX files into <paramref name="directory"/> and returns the <c>[models.NAME]</c> TOML section.</summary>
    public static string Write(string directory, string name)
    {
        string[] files = [Network(directory, $"{name}_a", seed: 2), Network(directory, $"{name}_b", seed: 3)];
        return $"""
            [models.{name}]
            sequence = "t1"
            files = ["{files[0]}", "{files[1]}"]
            orientation = "RAS"
            voxel_size = 4.0
            cube = 24
            normalisation = "unit"
            head = "linear"
            intercept = 1.0
            weights = [0.25, 0.75]

            """;
    }

    private static string Network(string directory, string name, int seed)
    {
        var spec = new NetworkSpec
        {
            InputSize = [24, 24, 24],
            Blocks = [new ConvBlock(4, 3)],
            Head = NetworkHead.GlobalAveragePool,
            Hidden = [8],
            FinalRelu = false,
            Seed = seed,
        };
        var path = Path.Combine(directory, name + ".onnx");
        File.WriteAllBytes(path, OnnxModelBuilder.Build(spec, ExportStyle.PyTorch));
        return path;
    }
}
