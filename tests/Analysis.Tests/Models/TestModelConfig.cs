using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>Model entries for tests, spelled with the configuration's option names.</summary>
internal static class TestModelConfig
{
    public static ModelConfig Of(string name, IReadOnlyList<string> files, string orientation, double voxelSize, int cube, string normalisation,
        string head = "mean", double intercept = 0, IReadOnlyList<double>? weights = null, string output = "identity",
        IReadOnlyList<double>? ageRange = null, IReadOnlyList<double>? bins = null) =>
        new(name, "t1", files,
            new PreprocessingRecipe
            {
                Orientation = orientation,
                VoxelSize = voxelSize,
                Box = [cube, cube, cube],
                Normalisation = ModelOptionNames.Normalisation.Parse(normalisation),
            },
            new ModelHead(ModelOptionNames.Head.Parse(head), intercept, weights),
            new ModelOutput(ModelOptionNames.Output.Parse(output), ageRange, bins));
}
