using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>Recipe steps whose result is known from the native image alone (the scipy-equal ones are in RecipeReproductionTests).</summary>
public sealed class RecipeStepsTests
{
    private static ModelConfig Sfcn(bool normaliseBeforeCrop) => new("sfcn", "t1", [],
        new PreprocessingRecipe
        {
            Orientation = null,
            Resample = ResampleMode.None,
            Box = [160, 192, 160],
            Crop = CropCentre.VolumeCentre,
            Normalisation = IntensityNormalisation.Mean,
            ClipScope = PercentileScope.All,
            NormaliseBeforeCrop = normaliseBeforeCrop,
        },
        ModelHead.Mean, new ModelOutput(OutputKind.SoftBins, BinCentres: [.. Enumerable.Range(0, 40).Select(i => 43.0 + 2 * i)]));

    [Fact]
    public void Normalising_before_the_crop_divides_by_the_whole_images_mean_as_sfcn_does()
    {
        using var native = ModelTestVolumes.Ixi();
        double sum = 0;
        foreach (var v in native.Data) sum += v;
        var mean = sum / native.VoxelCount;

        var (before, record) = BrainAgePreprocessor.Run(native, Sfcn(normaliseBeforeCrop: true));
        var (after, _) = BrainAgePreprocessor.Run(native, Sfcn(normaliseBeforeCrop: false));
        using (before)
        using (after)
        {
            // "centre": start (256 − size) // 2 = (48, 32, 48); stored axes kept; no resampling.
            Assert.Equal([48, 32, 48], record.Prune.SourceStart);
            Assert.Equal(Orientation.AxisCodes(native), Orientation.AxisCodes(before));
            Assert.Equal(native[48 + 80, 32 + 96, 48 + 80] / mean, before[80, 96, 80], 5);
            // After the crop the mean is the box's: larger, as the cut-away voxels are background.
            Assert.True(after[80, 96, 80] < before[80, 96, 80]);
        }
    }
}
