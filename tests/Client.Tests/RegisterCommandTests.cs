using System.Text.Json;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Registration;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

/// <summary>`register` run as a user runs it: the written .mat recovers a known transform, and `volume transform`
/// with it reproduces `--out-image`.</summary>
public class RegisterCommandTests
{
    /// <summary>An IXI brain at 2 mm, and the same brain moved by a known rigid transform (rotation about z).</summary>
    private static (string Fixed, string Moving, LinearTransform Known) Pair(string dir)
    {
        using var full = VolumeFile.Read(TestData.File("ixi", "IXI099-Guys-0748-T1__brain.nii.gz"));
        using var fixedImage = Resampler.Resample(full, [full.Nx / 2, full.Ny / 2, full.Nz / 2],
            full.Affine * Affine.Translation(0.5, 0.5, 0.5) * Affine.Scaling(2, 2, 2));
        var c = CentreOfMass.Of(fixedImage);
        var a = 6 * Math.PI / 180;
        var known = new LinearTransform(Affine.Translation(c.X + 3, c.Y - 4, c.Z + 2)
            * new Affine([Math.Cos(a), -Math.Sin(a), 0, 0, Math.Sin(a), Math.Cos(a), 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
            * Affine.Translation(-c.X, -c.Y, -c.Z));
        using var moving = VolumeMover.Move(fixedImage, ImageGrid.Of(fixedImage), new TransformChain([known.Inverse()]), SpatialInterpolation.Linear);
        var fixedPath = Path.Combine(dir, "fixed.nii.gz");
        var movingPath = Path.Combine(dir, "moving.nii.gz");
        VolumeFile.Write(fixedImage, fixedPath, VoxelType.Float32);
        VolumeFile.Write(moving.Volume, movingPath, VoxelType.Float32);
        return (fixedPath, movingPath, known);
    }

    [Fact]
    public void Register_writes_a_mat_that_recovers_the_transform_and_volume_transform_reproduces_the_image()
    {
        var dir = TestData.NewTempDirectory("rr-register-cli");
        var (fixedPath, movingPath, known) = Pair(dir);
        var mat = Path.Combine(dir, "0GenericAffine.mat");
        var image = Path.Combine(dir, "registered.nii.gz");
        var r = ConsoleRunner.Run("register", "--fixed", fixedPath, "--moving", movingPath, "--type", "rigid",
            "--shrink-factors", "4x2x1", "--smoothing-sigmas", "2x1x0vox", "--iterations", "1000x500x250",
            "--out-transform", mat, "--out-image", image, "--json");
        Assert.Equal(0, r.ExitCode);
        var json = JsonDocument.Parse(r.Output).RootElement;
        Assert.Equal(3, json.GetProperty("levels").GetArrayLength());

        var estimate = TransformChainLoader.Load([new TransformReference(mat)], TestContext.Current.CancellationToken).ToLinear();
        using var fixedImage = VolumeFile.Read(fixedPath);
        for (var z = 0; z < fixedImage.Nz; z += 8)
            for (var y = 0; y < fixedImage.Ny; y += 8)
                for (var x = 0; x < fixedImage.Nx; x += 8)
                {
                    if (fixedImage[x, y, z] <= 0) continue;
                    var (px, py, pz) = fixedImage.Affine.Apply(x, y, z);
                    var a = estimate.Map(px, py, pz);
                    var b = known.Map(px, py, pz);
                    Assert.True(Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y) + (a.Z - b.Z) * (a.Z - b.Z)) <= 0.5);
                }

        var again = Path.Combine(dir, "again.nii.gz");
        Assert.Equal(0, ConsoleRunner.Run("volume", "transform", movingPath, "-r", fixedPath, "-t", mat, "-o", again).ExitCode);
        using var first = VolumeFile.Read(image);
        using var second = VolumeFile.Read(again);
        Assert.True(first.Data.SequenceEqual(second.Data));
    }

    [Fact]
    public void Help_lists_the_ants_options()
    {
        var r = ConsoleRunner.Run("register", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--shrink-factors", r.Output);
        Assert.Contains("--out-transform", r.Output);
    }

    [Theory]
    [InlineData("--type", "syn", "--type: 'syn'; expected one of rigid, affine")]
    [InlineData("--shrink-factors", "8x4xA", "--shrink-factors: '8x4xA'; expected numbers per level")]
    [InlineData("--iterations", "10x10", "2 iteration counts")]
    [InlineData("--out-transform", "t.h5", "--out-transform: 't.h5'; expected a .mat or .txt file name")]
    public void Bad_options_exit_2(string option, string value, string message)
    {
        var dir = TestData.NewTempDirectory("rr-register-cli");
        var mni = TestData.File("nifti", "avg152T1_LR_nifti.nii.gz");
        string[] args = option == "--out-transform"
            ? ["register", "--fixed", mni, "--moving", mni]
            : ["register", "--fixed", mni, "--moving", mni, "--out-transform", Path.Combine(dir, "t.mat")];
        var r = ConsoleRunner.Run([.. args, option, value]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error);
    }
}
