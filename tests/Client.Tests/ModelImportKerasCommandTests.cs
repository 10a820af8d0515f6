using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

/// <summary>`model import-keras` as a user runs it, on the Keras test files of tests/Analysis.Tests/Xai/Keras/Reference.</summary>
public sealed class ModelImportKerasCommandTests
{
    private static string Reference(string file) => Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Xai", "Keras", "Reference", file);

    [Fact]
    public void An_imported_mrinet_is_explained_by_the_lrp_verb()
    {
        var dir = TestData.NewTempDirectory("rr-keras");
        var onnx = Path.Combine(dir, "mrinet.onnx");

        var import = ConsoleRunner.Run("model", "import-keras", Reference("mrinet.h5"), "--out", onnx, "--json");

        Assert.True(import.ExitCode == 0, import.Error);
        using (var json = JsonDocument.Parse(import.Output))
        {
            Assert.Equal("channels-last", json.RootElement.GetProperty("layout").GetString());
            Assert.Equal(new[] { 1, 20, 22, 18, 1 }, json.RootElement.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(14, json.RootElement.GetProperty("keras_layers").GetArrayLength());
        }
        var inspect = ConsoleRunner.Run("model", "inspect", onnx, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        using (var description = JsonDocument.Parse(inspect.Output))
            Assert.True(description.RootElement.GetProperty("explainable").GetBoolean());

        var random = new Random(4);
        using (var volume = Volume.FromData(Enumerable.Range(0, 20 * 22 * 18).Select(_ => random.NextSingle()).ToArray(), [20, 22, 18], Affine.Identity, VoxelType.Float32))
            VolumeFile.Write(volume, Path.Combine(dir, "t1.nii.gz"));
        var map = Path.Combine(dir, "relevance.nii.gz");
        var lrp = ConsoleRunner.Run("lrp", "--model", onnx, "--input", Path.Combine(dir, "t1.nii.gz"), "--rule", "lrp.sequential_preset_a",
            "--out", map, "--json", "--cpu");

        Assert.True(lrp.ExitCode == 0, lrp.Error);
        using var result = JsonDocument.Parse(lrp.Output);
        Assert.True(double.IsFinite(result.RootElement.GetProperty("prediction").GetDouble()));
        using var written = VolumeFile.Read(map);
        Assert.Equal(new[] { 20, 22, 18 }, written.Shape.ToArray());
        Assert.Contains(written.Data.ToArray(), v => v != 0);
    }

    [Fact]
    public void A_weights_only_file_needs_its_architecture()
    {
        var dir = TestData.NewTempDirectory("rr-keras");
        var onnx = Path.Combine(dir, "conv6.onnx");

        var without = ConsoleRunner.Run("model", "import-keras", Reference("conv6_weights.h5"), "--out", onnx);
        Assert.Equal(2, without.ExitCode);
        Assert.Contains("--architecture", without.Error);
        Assert.False(File.Exists(onnx));

        var with = ConsoleRunner.Run("model", "import-keras", Reference("conv6_weights.h5"), "--out", onnx, "--architecture", Reference("conv6_architecture.toml"));
        Assert.True(with.ExitCode == 0, with.Error);
        Assert.Contains("weights only", with.Output);
        Assert.True(new FileInfo(onnx).Length > 0);
    }

    [Fact]
    public void A_malformed_file_exits_2_naming_the_layer_and_writes_nothing()
    {
        var dir = TestData.NewTempDirectory("rr-keras");
        var onnx = Path.Combine(dir, "bad.onnx");

        var result = ConsoleRunner.Run("model", "import-keras", Reference("malformed_kernel_shape.h5"), "--out", onnx);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("malformed_kernel_shape.h5", result.Error);
        Assert.Contains("layer 'conv2d' (Conv2D)", result.Error);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void Import_keras_has_help()
    {
        var result = ConsoleRunner.Run("model", "import-keras", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--architecture", result.Output);
    }
}
