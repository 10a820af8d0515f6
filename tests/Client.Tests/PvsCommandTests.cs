using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Tests.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

public class PvsCommandTests
{
    private static readonly string ConfigDirectory = Path.Combine(TestData.RepositoryRoot, "configs");

    /// <summary>A 56³ block of a real IXI brain (white matter and its surroundings), written to a temp file.</summary>
    private static string BrainBlock(string dir)
    {
        using var brain = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        const int n = 56;
        using var block = new Volume([n, n, n], brain.Affine * Affine.Translation(76, 108, 88));
        for (var z = 0; z < n; z++)
            for (var y = 0; y < n; y++)
                for (var x = 0; x < n; x++) block[x, y, z] = brain[76 + x, 108 + y, 88 + z];
        var path = Path.Combine(dir, "t1.nii.gz");
        VolumeFile.Write(block, path, VoxelType.Float32);
        return path;
    }

    private static string Extra(string dir, string toml)
    {
        var path = Path.Combine(dir, "extra.toml");
        File.WriteAllText(path, toml);
        return path;
    }

    [Fact]
    public void Frangi_writes_the_mask_and_reports_as_many_clusters_as_the_mask_holds()
    {
        var dir = TestData.NewTempDirectory("rr-pvs-cli");
        var t1 = BrainBlock(dir);
        var mask = Path.Combine(dir, "pvs.nii.gz");
        var extra = Extra(dir, "[params.pvs]\ndilate_by = 0\nconnectivity = 6\n");

        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "--config", extra, "pvs", "--t1", t1, "--frangi", "--out", mask, "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        Assert.Equal("frangi", json.RootElement.GetProperty("method").GetString());
        using var written = VolumeFile.Read(mask);
        Assert.Equal(VoxelType.UInt8, written.DataType);
        using var labeling = ConnectedComponents.Label(written, Connectivity.Six);
        Assert.Equal(labeling.Count, json.RootElement.GetProperty("clusters").GetInt32());
        Assert.All(labeling.Sizes, s => Assert.True(s >= 5));
        Assert.True(labeling.Count > 0, "a white-matter block holds vessel-like structure");
    }

    [Fact]
    public void An_onnx_ensemble_from_the_configuration_writes_its_probability_and_mask()
    {
        var dir = TestData.NewTempDirectory("rr-pvs-cli");
        var t1 = BrainBlock(dir);
        var fold = TinyOnnxNetworks.Write(dir, "fold0", [1], 0, [64, 64, 64], channelsLast: true);
        var extra = Extra(dir, $"[pvs_models.tiny]\nfiles = [\"{fold}\"]\nchannels = [\"t1\"]\nbox = [64, 64, 64]\nclip_scope = \"brain\"\n");
        var mask = Path.Combine(dir, "pvs.nii.gz");
        var probability = Path.Combine(dir, "p.nii.gz");

        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "--config", extra, "pvs", "--t1", t1, "--model", "tiny",
            "--out", mask, "--probability-out", probability, "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        Assert.Equal("onnx:tiny", json.RootElement.GetProperty("method").GetString());
        using var p = VolumeFile.Read(probability);
        using var source = VolumeFile.Read(t1);
        Assert.Equal(source.Shape.ToArray(), p.Shape.ToArray());
        // The network passes the normalised T1 through: the brightest (clipped) voxels reach 1.
        Assert.Equal(1.0, VolumeStatistics.Of(p.Data).Max, 5);
        Assert.True(File.Exists(mask));
    }

    [Fact]
    public void An_unconfigured_model_is_bad_input_naming_the_configured_ones()
    {
        var dir = TestData.NewTempDirectory("rr-pvs-cli");
        var t1 = BrainBlock(dir);
        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "pvs", "--t1", t1, "--model", "nope", "--out", Path.Combine(dir, "m.nii.gz"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("pvs: --model 'nope' is neither 'frangi' nor one of [", r.Error);
    }

    [Fact]
    public void Model_and_frangi_together_are_bad_input()
    {
        var dir = TestData.NewTempDirectory("rr-pvs-cli");
        var t1 = BrainBlock(dir);
        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "pvs", "--t1", t1, "--model", "x", "--frangi", "--out", Path.Combine(dir, "m.nii.gz"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("exclude each other", r.Error);
    }
}
