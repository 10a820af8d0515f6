using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Client;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Client.Tests.Commands;

public class VolumeCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = ConsoleCommands.CreateRoot();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandRunner.Run(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Info_json_has_the_documented_keys_and_nibabels_values()
    {
        var (code, output, _) = Run("volume", "info", TestData.File("nifti", "anatomical.nii"), "--json");
        Assert.Equal(ExitCodes.Success, code);
        var json = JsonDocument.Parse(output).RootElement;
        foreach (var key in new[] { "format", "shape", "zooms", "datatype", "affine", "orientation", "sum", "min", "max", "mean", "nonzero" })
            Assert.True(json.TryGetProperty(key, out _), $"missing key {key}");
        Assert.Equal("NIfTI-1", json.GetProperty("format").GetString());
        Assert.Equal("LAS", json.GetProperty("orientation").GetString());
        Assert.Equal("int16", json.GetProperty("datatype").GetString());
        Assert.Equal([33, 41, 25], json.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(4, json.GetProperty("affine").GetArrayLength());
        Assert.All(json.GetProperty("affine").EnumerateArray(), row => Assert.Equal(4, row.GetArrayLength()));
        Assert.Equal(284166082.0, json.GetProperty("sum").GetDouble());
        Assert.Equal(33825, json.GetProperty("nonzero").GetInt64());
    }

    /// <summary>
    /// little.nii.gz (float32) with voxels 1000..5000 (x fastest) set to NaN, written as a real NIfTI file; the values are
    /// numpy's nan-functions on the same data (Commands/Reference/volume_info_nonfinite.py, nibabel 5.0.0, numpy 1.24).
    /// </summary>
    [Fact]
    public void Info_json_of_a_file_with_NaN_voxels_counts_them_and_skips_them_as_numpy_nan_functions_do()
    {
        var file = WithNonFinite(("nan", [1000, 2000, 3000, 4000, 5000]));

        var (code, output, error) = Run("volume", "info", file, "--json");

        Assert.True(code == ExitCodes.Success, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(11648.242714130294, json.GetProperty("sum").GetDouble(), 1e-9);
        Assert.Equal(-8.710750579833984, json.GetProperty("min").GetDouble());
        Assert.Equal(18.582529067993164, json.GetProperty("max").GetDouble());
        Assert.Equal(0.13542736061818017, json.GetProperty("mean").GetDouble(), 1e-13);
        Assert.Equal(18158, json.GetProperty("nonzero").GetInt64());
        Assert.Equal((5, 0, 0), (json.GetProperty("nan").GetInt64(), json.GetProperty("posinf").GetInt64(), json.GetProperty("neginf").GetInt64()));
    }

    [Fact]
    public void Info_json_of_a_file_with_infinities_is_valid_json_with_the_statistics_as_named_numbers()
    {
        var file = WithNonFinite(("nan", [1000, 2000]), ("posinf", [3000]), ("neginf", [4000, 5000]));

        var (code, output, error) = Run("volume", "info", file, "--json");

        Assert.True(code == ExitCodes.Success, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(("NaN", "-Infinity", "Infinity", "NaN"),
            (json.GetProperty("sum").GetString(), json.GetProperty("min").GetString(), json.GetProperty("max").GetString(), json.GetProperty("mean").GetString()));
        Assert.Equal(18161, json.GetProperty("nonzero").GetInt64());
        Assert.Equal((2, 1, 2), (json.GetProperty("nan").GetInt64(), json.GetProperty("posinf").GetInt64(), json.GetProperty("neginf").GetInt64()));
    }

    [Fact]
    public void Info_text_prints_the_non_finite_counts()
    {
        var (code, output, _) = Run("volume", "info", WithNonFinite(("nan", [7]), ("neginf", [8, 9])));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("non-finite   1 NaN, 0 +inf, 2 -inf (statistics skip NaN, as numpy's nan-functions)", output);
    }

    /// <summary>The shared little.nii.gz with the given voxels (x-fastest indices) set to NaN or ±∞, written as a new .nii.gz.</summary>
    private static string WithNonFinite(params (string Kind, int[] Indices)[] changes)
    {
        using var volume = VolumeFile.Read(TestData.File("nifti", "little.nii.gz"));
        foreach (var (kind, indices) in changes)
            foreach (var i in indices)
                volume.Data[i] = kind switch { "nan" => float.NaN, "posinf" => float.PositiveInfinity, _ => float.NegativeInfinity };
        var path = Path.Combine(TestData.NewTempDirectory("rr-nonfinite"), "with-nan.nii.gz");
        VolumeFile.Write(volume, path, VoxelType.Float32);
        return path;
    }

    [Fact]
    public void Info_of_an_mgz_reports_its_format_and_orientation()
    {
        var (code, output, _) = Run("volume", "info", TestData.File("nifti", "test.mgz"), "--json");
        Assert.Equal(ExitCodes.Success, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("MGH", json.GetProperty("format").GetString());
        Assert.Equal("SAR", json.GetProperty("orientation").GetString());
    }

    [Fact]
    public void Info_of_a_non_image_exits_2_naming_the_file()
    {
        var (code, _, error) = Run("volume", "info", TestData.File("nifti", "not-nifti.nii"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not-nifti.nii", error);
        Assert.Contains("sizeof_hdr", error);
    }

    [Fact]
    public void Info_of_a_missing_file_exits_2()
    {
        var (code, _, error) = Run("volume", "info", Path.Combine(TestData.NewTempDirectory(), "nope.nii.gz"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("nope.nii.gz", error);
    }

    [Fact]
    public void Convert_reorients_and_changes_the_type()
    {
        var outPath = Path.Combine(TestData.NewTempDirectory(), "aseg-ras.nii.gz");
        var (code, _, _) = Run("volume", "convert", TestData.File("nifti", "test.mgz"), outPath, "--orientation", "RAS", "--dtype", "float64");
        Assert.Equal(ExitCodes.Success, code);
        using var v = VolumeFile.Read(outPath);
        Assert.Equal("RAS", Orientation.AxisCodes(v));
        Assert.Equal(VoxelType.Float64, v.DataType);
    }

    [Theory]
    [InlineData("--orientation", "XYZ")]
    [InlineData("--dtype", "complex64")]
    public void Convert_refuses_bad_options_with_exit_2(string option, string value)
    {
        var outPath = Path.Combine(TestData.NewTempDirectory(), "o.nii");
        var (code, _, error) = Run("volume", "convert", TestData.File("nifti", "minimal.nii"), outPath, option, value);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(value, error);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void Resample_writes_the_reference_grid()
    {
        var outPath = Path.Combine(TestData.NewTempDirectory(), "r.nii");
        var (code, _, _) = Run("volume", "resample", TestData.File("nifti", "avg152T1_LR_nifti.nii.gz"), "--like", TestData.File("nifti", "anatomical.nii"), outPath, "--nearest");
        Assert.Equal(ExitCodes.Success, code);
        using var v = VolumeFile.Read(outPath);
        Assert.Equal([33, 41, 25], v.Shape.ToArray());
    }

    [Fact]
    public void Resample_without_a_reference_is_a_usage_error()
    {
        var (code, _, _) = Run("volume", "resample", TestData.File("nifti", "minimal.nii"), "out.nii");
        Assert.Equal(ExitCodes.BadInput, code);
    }

    [Fact]
    public void Label_reports_components_as_json_and_writes_the_label_image()
    {
        var outPath = Path.Combine(TestData.NewTempDirectory(), "labels.nii.gz");
        var (code, output, _) = Run("volume", "label", TestData.File("nifti", "avg152T1_LR_nifti.nii.gz"), "--threshold", "200", "--connectivity", "6", "--min-size", "5", "--out", outPath, "--json");
        Assert.Equal(ExitCodes.Success, code);
        var json = JsonDocument.Parse(output).RootElement;
        var count = json.GetProperty("components").GetInt32();
        Assert.True(count > 0);
        Assert.Equal(count, json.GetProperty("items").GetArrayLength());
        Assert.All(json.GetProperty("items").EnumerateArray(), c => Assert.True(c.GetProperty("size").GetInt64() >= 5));
        using var labels = VolumeFile.Read(outPath);
        Assert.Equal(VoxelType.Int32, labels.DataType);
        Assert.Equal(count, (int)VolumeStatistics.Of(labels.Data).Max);
    }

    [Fact]
    public void Label_refuses_an_unknown_connectivity()
    {
        var (code, _, error) = Run("volume", "label", TestData.File("nifti", "minimal.nii"), "--threshold", "1", "--connectivity", "8", "--out", Path.Combine(TestData.NewTempDirectory(), "l.nii"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("connectivity", error);
    }

    [Fact]
    public void Bench_imaging_prints_the_documented_json_keys()
    {
        var (code, output, _) = Run("bench", "imaging", "--input", TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"), "--repeats", "1", "--json");
        Assert.Equal(ExitCodes.Success, code);
        var json = JsonDocument.Parse(output).RootElement;
        foreach (var key in new[] { "load_seconds", "label26_seconds", "components", "resample_seconds" })
            Assert.True(json.TryGetProperty(key, out _), $"missing key {key}");
        Assert.True(json.GetProperty("components").GetInt32() > 0);
        Assert.True(json.GetProperty("load_seconds").GetDouble() > 0);
    }
}
