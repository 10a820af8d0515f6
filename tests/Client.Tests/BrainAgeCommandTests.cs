using System.Text.Json;
using RelevanceRelated.Analysis.Tests.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

public class BrainAgeCommandTests
{
    private static readonly string ConfigDirectory = Path.Combine(TestData.RepositoryRoot, "configs");

    [Fact]
    public void Prints_base_model_and_ensemble_predictions_and_dba_as_json()
    {
        var dir = TestData.NewTempDirectory("rr-brainage-cli");
        var a = TinyOnnxNetworks.WriteRegressor(dir, "a", [98, 98, 98], [100], [10], tf2onnx: false);
        var b = TinyOnnxNetworks.WriteRegressor(dir, "b", [98, 98, 98], [200], [0], tf2onnx: false);
        var extra = Path.Combine(dir, "models.toml");
        File.WriteAllText(extra, $"""
            [models.t1_2mm]
            sequence = "t1"
            files = ["{a}", "{b}"]
            orientation = "RAS"
            voxel_size = 2.0
            cube = 98
            normalisation = "unit"
            clip_percentile = 99.9
            head = "linear"
            intercept = 2.0
            weights = [0.5, 0.5]
            """);

        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "--config", extra, "brainage", "--model", "t1_2mm",
            "--t1", TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"), "--age", "46.71", "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        var root = json.RootElement;
        var bases = root.GetProperty("base_models").EnumerateArray().Select(e => e.GetProperty("prediction").GetDouble()).ToArray();
        Assert.Equal(2, bases.Length);
        // Same input, weights 100 and 200: (a − 10) · 2 = b.
        Assert.Equal(bases[1], (bases[0] - 10) * 2, 3);
        Assert.Equal(2.0 + 0.5 * bases[0] + 0.5 * bases[1], root.GetProperty("prediction").GetDouble(), 9);
        Assert.Equal(root.GetProperty("prediction").GetDouble() - 46.71, root.GetProperty("dba").GetDouble(), 9);
    }

    [Fact]
    public void Writes_the_sub_ensembles_relevance_in_the_native_grid()
    {
        var dir = TestData.NewTempDirectory("rr-brainage-cli");
        var spec = new RelevanceRelated.Analysis.Xai.Onnx.NetworkSpec
        {
            InputSize = [98, 98, 98],
            Blocks = [new RelevanceRelated.Analysis.Xai.Onnx.ConvBlock(4, 3)],
            Head = RelevanceRelated.Analysis.Xai.Onnx.NetworkHead.GlobalAveragePool,
            FinalRelu = false,
        };
        var model = Path.Combine(dir, "m.onnx");
        File.WriteAllBytes(model, RelevanceRelated.Analysis.Xai.Onnx.OnnxModelBuilder.Build(spec, RelevanceRelated.Analysis.Xai.Onnx.ExportStyle.PyTorch));
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
        var t1 = TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz");
        var outDir = Path.Combine(dir, "relevance");

        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "--config", extra, "brainage", "--model", "t1_2mm", "--t1", t1,
            "--relevance-out", outDir, "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        Assert.Equal("lrp.sequential_preset_a", json.RootElement.GetProperty("analyzer_type").GetString());
        using var map = RelevanceRelated.Analysis.Imaging.VolumeFile.Read(Path.Combine(outDir, "t1_2mm_relevance.nii.gz"));
        using var native = RelevanceRelated.Analysis.Imaging.VolumeFile.Read(t1);
        Assert.Equal(native.Shape.ToArray(), map.Shape.ToArray());
        Assert.Equal(0, native.Affine.MaxAbsDifference(map.Affine), 6);
        Assert.True(RelevanceRelated.Analysis.Imaging.VolumeStatistics.Of(map.Data).NonZero > 0);
    }

    [Fact]
    public void An_unconfigured_model_is_bad_input()
    {
        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "brainage", "--model", "nope", "--t1", TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("model 'nope' is not configured", r.Error);
    }
}
