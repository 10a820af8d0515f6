using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Tests.Spaces;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

/// <summary>`volume transform` run as a user runs it, checked against ITK's output for the same chain.</summary>
public class VolumeTransformCommandTests
{
    private static readonly string Mni = TestData.File("nifti", "avg152T1_LR_nifti.nii.gz");

    private static double LargestDifference(string expectedFact, string actualPath)
    {
        using var expected = VolumeFile.Read(ItkReference.File(expectedFact));
        using var actual = VolumeFile.Read(actualPath);
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        var worst = 0.0;
        for (var i = 0; i < expected.VoxelCount; i++) worst = Math.Max(worst, Math.Abs(expected.Data[i] - actual.Data[i]));
        return worst;
    }

    [Fact]
    public void Warp_then_affine_equals_itk_and_writes_the_record()
    {
        var dir = TestData.NewTempDirectory("rr-transform-cli");
        var output = Path.Combine(dir, "moved.nii.gz");
        var record = Path.Combine(dir, "moved.json");
        var r = ConsoleRunner.Run("volume", "transform", Mni, "--reference", ItkReference.File("reference_grid.nii.gz"),
            "-t", ItkReference.File("warp.nii.gz"), "-t", ItkReference.File("affine_double.mat"), "--out", output, "--record", record);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("through 2 transform(s)", r.Output);
        Assert.True(LargestDifference("mni_warp_affine_linear.nii.gz", output) <= 1e-4 * 255);
        var saved = MoveRecord.FromJson(File.ReadAllText(record), record);
        Assert.Equal([ItkReference.File("warp.nii.gz"), ItkReference.File("affine_double.mat")], saved.Transforms.Select(t => t.File));
        Assert.Equal("linear", saved.Interpolation);
    }

    [Theory]
    [InlineData("--invert", "1")]
    [InlineData("--invert", "AFFINE")]
    public void Invert_by_position_or_name_equals_itk_inverse_with_its_default(string option, string value)
    {
        var dir = TestData.NewTempDirectory("rr-transform-cli");
        var output = Path.Combine(dir, "inverse.nii.gz");
        var affine = ItkReference.File("affine_double.mat");
        var r = ConsoleRunner.Run("volume", "transform", Mni, "-r", ItkReference.File("reference_grid.nii.gz"), "-t", affine,
            option, value == "AFFINE" ? affine : value, "--default", "7", "-o", output);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("inverse of", r.Output);
        Assert.True(LargestDifference("mni_inverse_affine_linear.nii.gz", output) <= 1e-4 * 255);
    }

    [Fact]
    public void Label_interpolation_of_bert_aseg_keeps_label_values()
    {
        var dir = TestData.NewTempDirectory("rr-transform-cli");
        var output = Path.Combine(dir, "aseg.nii.gz");
        var r = ConsoleRunner.Run("volume", "transform", TestData.File("freesurfer", "bert", "mri", "aseg.mgz"),
            "-r", ItkReference.File("labels_grid.nii.gz"), "-t", $"[{ItkReference.File("affine_b.txt")},1]", "-n", "label", "-o", output);
        Assert.Equal(0, r.ExitCode);
        using var aseg = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "aseg.mgz"));
        using var moved = VolumeFile.Read(output);
        var labels = aseg.Data.ToArray().ToHashSet();
        Assert.All(moved.Data.ToArray().Distinct(), v => Assert.Contains(v, labels));
        Assert.Equal(aseg.DataType, moved.DataType);
    }

    [Fact]
    public void Help_describes_the_order_rule()
    {
        var r = ConsoleRunner.Run("volume", "transform", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("the first listed is applied first to a reference point", r.Output);
    }

    [Theory]
    [InlineData("--interpolation", "cubic", "--interpolation: 'cubic'; expected one of linear, nearest, label, bspline")]
    [InlineData("--default", "x", "--default: 'x' is not a number")]
    [InlineData("--invert", "3", "--invert: '3' is neither a position 1..1 nor a file given to -t")]
    public void Bad_options_exit_2_naming_the_option(string option, string value, string message)
    {
        var dir = TestData.NewTempDirectory("rr-transform-cli");
        var r = ConsoleRunner.Run("volume", "transform", Mni, "-r", Mni, "-t", ItkReference.File("euler.txt"), option, value,
            "-o", Path.Combine(dir, "x.nii.gz"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error);
    }

    [Fact]
    public void A_missing_transform_file_exits_2_and_writes_nothing()
    {
        var dir = TestData.NewTempDirectory("rr-transform-cli");
        var output = Path.Combine(dir, "x.nii.gz");
        var r = ConsoleRunner.Run("volume", "transform", Mni, "-r", Mni, "-t", Path.Combine(dir, "none.mat"), "-o", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("none.mat: transform file not found", r.Error);
        Assert.False(File.Exists(output));
    }
}
