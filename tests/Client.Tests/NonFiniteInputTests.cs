using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Tests.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

/// <summary>Models and filters refuse a real image file holding NaN or infinite voxels, counting them, instead of predicting NaN.</summary>
public sealed class NonFiniteInputTests
{
    private static readonly string ConfigDirectory = Path.Combine(TestData.RepositoryRoot, "configs");

    /// <summary>The shared little.nii.gz (float32) with two NaN voxels and one −∞, written as a new .nii.gz.</summary>
    private static string ImageWithNaN(string dir)
    {
        using var volume = VolumeFile.Read(TestData.File("nifti", "little.nii.gz"));
        volume.Data[1000] = float.NaN;
        volume.Data[2000] = float.NaN;
        volume.Data[3000] = float.NegativeInfinity;
        var path = Path.Combine(dir, "t1-with-nan.nii.gz");
        VolumeFile.Write(volume, path, VoxelType.Float32);
        return path;
    }

    [Fact]
    public void Brain_age_refuses_an_input_with_NaN_voxels_naming_the_model_and_the_counts()
    {
        var dir = TestData.NewTempDirectory("rr-nan-brainage");
        var model = TinyOnnxNetworks.WriteRegressor(dir, "a", [98, 98, 98], [100], [10], tf2onnx: false);
        var extra = Path.Combine(dir, "models.toml");
        File.WriteAllText(extra, $"""
            [models.t1_2mm]
            sequence = "t1"
            files = ["{model}"]
            orientation = "RAS"
            voxel_size = 2.0
            cube = 98
            normalisation = "unit"
            head = "mean"
            """);

        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "--config", extra, "brainage", "--model", "t1_2mm", "--t1", ImageWithNaN(dir), "--json");

        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Contains("the image given to models.t1_2mm has 2 NaN, 0 +inf and 1 -inf voxels (of 86016); expected finite values", r.Error);
        Assert.Empty(r.Output);
    }

    [Fact]
    public void The_Frangi_filter_refuses_an_input_with_NaN_voxels()
    {
        var dir = TestData.NewTempDirectory("rr-nan-pvs");

        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "pvs", "--t1", ImageWithNaN(dir), "--frangi", "--out", Path.Combine(dir, "mask.nii.gz"));

        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Contains("the image given to the Frangi filter has 2 NaN, 0 +inf and 1 -inf voxels", r.Error);
        Assert.False(File.Exists(Path.Combine(dir, "mask.nii.gz")));
    }
}
