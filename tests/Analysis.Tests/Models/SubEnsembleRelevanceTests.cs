using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

public class SubEnsembleRelevanceTests
{
    [Fact]
    public void The_mean_of_base_model_maps_lands_in_the_native_grid_on_the_kept_block()
    {
        var dir = TestData.NewTempDirectory("rr-relevance");
        var file = TinyOnnxNetworks.WriteRegressor(dir, "m", [198, 198, 198], [1], [0], tf2onnx: false);
        using var native = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "brain.mgz"));
        using var ensemble = BrainAgeEnsemble.Load(BrainAgePreprocessorTests.Model("LIA", 1.0, 198, files: [file]));
        using var run = ensemble.Run(native, cancellationToken: TestContext.Current.CancellationToken);
        // Maps equal to the input and to three times the input: their mean is twice the input, which in the
        // native grid is twice each voxel's normalised intensity.
        var input = run.Input.Data.ToArray();
        using var mean = SubEnsembleRelevance.MeanInNativeGrid([input, input.Select(v => 3 * v).ToArray()], run);

        Assert.Equal(native.Affine, mean.Affine);
        var max = (float)VolumeStatistics.Of(native.Data).Max;
        double worst = 0;
        for (var i = 0; i < native.VoxelCount; i++) worst = Math.Max(worst, Math.Abs(mean.Data[i] - 2 * native.Data[i] / max));
        Assert.True(worst < 1e-5, $"largest difference {worst}");
    }
}
