using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Xai.Onnx;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

/// <summary>`lrp`, `model inspect` and `bench lrp` on a small model written by the model builder.</summary>
public sealed class LrpCommandTests
{
    private static readonly NetworkSpec Tiny = new()
    {
        InputSize = [7, 8, 9],
        Blocks = [new(4, 3), new(3, 3)],
        Hidden = [5],
        BatchNorm = true,
        FinalRelu = false,
        Seed = 2,
    };

    private static (string Directory, string Model, string Image) Files(ExportStyle style, int[] imageShape)
    {
        var dir = TestData.NewTempDirectory("rr-lrp");
        var model = Path.Combine(dir, "model.onnx");
        File.WriteAllBytes(model, OnnxModelBuilder.Build(Tiny, style));
        var count = imageShape.Aggregate(1, (a, b) => a * b);
        var random = new Random(3);
        var data = Enumerable.Range(0, count).Select(_ => (float)random.Next(0, 200)).ToArray();
        var affine = Affine.Translation(-10, 20, 5);
        using var volume = Volume.FromData(data, imageShape, affine, VoxelType.Float32);
        var image = Path.Combine(dir, "t1.nii.gz");
        VolumeFile.Write(volume, image);
        return (dir, model, image);
    }

    [Theory]
    [InlineData(ExportStyle.PyTorch)]
    [InlineData(ExportStyle.Tf2Onnx)]
    public void Lrp_writes_the_relevance_map_on_the_input_grid_and_reports_json(ExportStyle style)
    {
        var (dir, model, image) = Files(style, [7, 8, 9]);
        var map = Path.Combine(dir, "relevance.nii.gz");
        var png = Path.Combine(dir, "relevance.png");

        var result = ConsoleRunner.Run("lrp", "--model", model, "--input", image, "--rule", "lrp.sequential_preset_a",
            "--out", map, "--png", png, "--json", "--cpu");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        foreach (var key in new[] { "prediction", "relevance_sum", "rule", "provider", "forward_seconds", "relevance_seconds" })
            Assert.True(root.TryGetProperty(key, out _), $"missing {key}");
        Assert.Equal("lrp.sequential_preset_a", root.GetProperty("rule").GetString());
        Assert.Equal("CPUExecutionProvider", root.GetProperty("provider").GetString());

        using var written = VolumeFile.Read(map);
        using var input = VolumeFile.Read(image);
        Assert.Equal(input.Shape, written.Shape);
        Assert.Equal(input.Affine, written.Affine);
        Assert.Equal(VoxelType.Float32, written.DataType);
        var sum = written.Data.ToArray().Sum(v => (double)v);
        Assert.Equal(root.GetProperty("relevance_sum").GetDouble(), sum, 1e-3 * Math.Max(1, Math.Abs(sum)));
        Assert.Contains(written.Data.ToArray(), v => v != 0);

        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Fact]
    public void Lrp_with_native_puts_the_map_of_a_pruned_ixi_t1_back_into_its_native_grid_with_the_same_sum()
    {
        var dir = TestData.NewTempDirectory("rr-lrp");
        var nativePath = TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz");
        using var native = VolumeFile.Read(nativePath);
        // As the brain-age preprocessing at 1 mm: reorient to the model's LIA, prune the brain into a box that cuts nothing.
        using var reoriented = Orientation.Reorient(native, "LIA");
        var (box, transform) = Pruning.Prune(reoriented, [144, 144, 192]);
        using (box)
        {
            Assert.Equal(Pruning.BrainBoundingBox(reoriented, transform.Background)!.Value.Size, transform.Extent);
            Normalisation.MinMaxScale(box);
            VolumeFile.Write(box, Path.Combine(dir, "input.nii.gz"), VoxelType.Float32);
        }
        var model = Path.Combine(dir, "model.onnx");
        File.WriteAllBytes(model, OnnxModelBuilder.Build(new NetworkSpec
        {
            InputSize = [144, 144, 192], Blocks = [new(2, 3), new(2, 3)], Hidden = [3], FinalRelu = false, Seed = 5,
        }, ExportStyle.PyTorch));
        var boxMapPath = Path.Combine(dir, "box.nii.gz");
        var nativeMapPath = Path.Combine(dir, "native.nii.gz");

        var inBox = ConsoleRunner.Run("lrp", "--model", model, "--input", Path.Combine(dir, "input.nii.gz"), "--out", boxMapPath, "--cpu");
        var result = ConsoleRunner.Run("lrp", "--model", model, "--input", Path.Combine(dir, "input.nii.gz"), "--native", nativePath,
            "--out", nativeMapPath, "--png", Path.Combine(dir, "native.png"), "--json", "--cpu");

        Assert.True(inBox.ExitCode == 0, inBox.Error);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.True(json.RootElement.GetProperty("native_grid_aligned").GetBoolean());
        using var written = VolumeFile.Read(nativeMapPath);
        Assert.Equal(native.Shape, written.Shape);
        Assert.Equal(native.Affine, written.Affine);
        Assert.Equal(VoxelType.Float32, written.DataType);
        var boxSum = json.RootElement.GetProperty("relevance_sum").GetDouble();
        var nativeSum = written.Data.ToArray().Sum(v => (double)v);
        Assert.NotEqual(0, boxSum);
        Assert.Equal(boxSum, nativeSum, 1e-5 * Math.Abs(boxSum));
        Assert.Equal(nativeSum, json.RootElement.GetProperty("native_relevance_sum").GetDouble(), 1e-6 * Math.Abs(boxSum));

        // Inside the kept block the map equals the in-process reverse pruning of the box map, reoriented back.
        using var boxMap = VolumeFile.Read(boxMapPath);
        using var reversed = Pruning.Reverse(boxMap, transform);
        using var expected = Orientation.Reorient(reversed, Orientation.AxisCodes(native));
        using var ones = Volume.FromData(Enumerable.Repeat(1f, boxMap.SpatialCount).ToArray(), [.. boxMap.Shape], boxMap.Affine);
        using var mask = Pruning.Reverse(ones, transform);
        using var maskNative = Orientation.Reorient(mask, Orientation.AxisCodes(native));
        var compared = 0;
        for (var i = 0; i < written.SpatialCount; i++)
        {
            if (maskNative.Data[i] == 0) continue;
            Assert.Equal(expected.Data[i], written.Data[i]);
            compared++;
        }
        Assert.Equal(transform.Extent.Aggregate(1, (a, b) => a * b), compared);
    }

    [Fact]
    public void Lrp_refuses_an_image_of_another_shape_and_names_the_expected_one()
    {
        var (_, model, image) = Files(ExportStyle.PyTorch, [8, 8, 8]);

        var result = ConsoleRunner.Run("lrp", "--model", model, "--input", image, "--rule", "lrp.z", "--cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("[8, 8, 8]", result.Error);
        Assert.Contains("expects [7, 8, 9]", result.Error);
    }

    [Fact]
    public void Lrp_refuses_an_unknown_rule()
    {
        var (_, model, image) = Files(ExportStyle.PyTorch, [7, 8, 9]);

        var result = ConsoleRunner.Run("lrp", "--model", model, "--input", image, "--rule", "lrp.bogus", "--cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("lrp.bogus", result.Error);
    }

    [Fact]
    public void Model_inspect_lists_layout_operators_and_support()
    {
        var (_, model, _) = Files(ExportStyle.Tf2Onnx, [7, 8, 9]);

        var result = ConsoleRunner.Run("model", "inspect", model, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("channels-last", root.GetProperty("layout").GetString());
        Assert.True(root.GetProperty("explainable").GetBoolean());
        var input = root.GetProperty("inputs")[0];
        Assert.Equal("uint8", input.GetProperty("element_type").GetString());
        Assert.Equal(["batch", "7", "8", "9", "1"], input.GetProperty("dimensions").EnumerateArray().Select(d => d.GetString()!).ToArray());
        var ops = root.GetProperty("operators").EnumerateArray().ToDictionary(o => o.GetProperty("operator").GetString()!, o => o.GetProperty("supported").GetBoolean());
        Assert.True(ops["BatchNormalization"]);
        Assert.True(ops["MatMul"]);
    }

    [Fact]
    public void Model_inspect_explains_why_a_softmax_model_is_not_supported()
    {
        var dir = TestData.NewTempDirectory("rr-lrp");
        var model = Path.Combine(dir, "classifier.onnx");
        File.WriteAllBytes(model, OnnxModelBuilder.Build(Tiny with { Outputs = 3, FinalSoftmax = true }, ExportStyle.PyTorch));

        var result = ConsoleRunner.Run("model", "inspect", model);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("channels-first", result.Output);
        Assert.Contains("Softmax", result.Output);
        Assert.Contains("LRP:     not supported", result.Output);
    }

    [Fact]
    public void Bench_lrp_reports_forward_and_relevance_medians()
    {
        var result = ConsoleRunner.Run("bench", "lrp", "--cube", "16", "--repeats", "1", "--cpu", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.True(json.RootElement.GetProperty("forward_seconds").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("relevance_seconds").GetDouble() > 0);
        Assert.Equal("lrp.sequential_preset_a", json.RootElement.GetProperty("rule").GetString());
    }

    [Fact]
    public void Bench_lrp_reports_how_many_blocks_ran_fused()
    {
        // MRInet's five blocks all fuse by default under preset A; --no-fuse keeps every backward graph.
        var fused = ConsoleRunner.Run("bench", "lrp", "--cube", "16", "--repeats", "1", "--cpu", "--json");
        var graphs = ConsoleRunner.Run("bench", "lrp", "--cube", "16", "--repeats", "1", "--cpu", "--json", "--no-fuse");

        Assert.True(fused.ExitCode == 0, fused.Error);
        Assert.True(graphs.ExitCode == 0, graphs.Error);
        using var fusedJson = JsonDocument.Parse(fused.Output);
        using var graphsJson = JsonDocument.Parse(graphs.Output);
        Assert.Equal(5, fusedJson.RootElement.GetProperty("fused_blocks").GetInt32());
        Assert.True(fusedJson.RootElement.GetProperty("split_pools").GetInt32() >= 5);
        Assert.Equal(0, graphsJson.RootElement.GetProperty("fused_blocks").GetInt32());
    }

    [Fact]
    public void Bench_lrp_times_the_conv6_topology_with_every_block_fused()
    {
        var result = ConsoleRunner.Run("bench", "lrp", "--topology", "conv6", "--size", "17,18,20", "--rule", "lrp.epsilon", "--repeats", "1", "--cpu", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("conv6", json.RootElement.GetProperty("topology").GetString());
        Assert.Equal(new[] { 17, 18, 20 }, json.RootElement.GetProperty("input_size").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(4, json.RootElement.GetProperty("fused_blocks").GetInt32());
        Assert.True(json.RootElement.GetProperty("relevance_seconds").GetDouble() > 0);
    }

    [Fact]
    public void Bench_lrp_refuses_a_topology_it_does_not_know()
    {
        var result = ConsoleRunner.Run("bench", "lrp", "--topology", "resnet", "--cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("resnet", result.Error);
    }
}
