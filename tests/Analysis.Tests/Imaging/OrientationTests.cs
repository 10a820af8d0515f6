using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Imaging;

public class OrientationTests
{
    public static TheoryData<string> Files => new(NibabelFacts.ReadableFiles);

    [Theory, MemberData(nameof(Files))]
    public void Axis_codes_match_nibabels_aff2axcodes(string name)
    {
        using var v = VolumeFile.Read(NibabelFacts.PathOf(name));
        Assert.Equal(NibabelFacts.For(name).GetProperty("orientation").GetString(), Orientation.AxisCodes(v));
    }

    [Fact]
    public void Bert_LIA_to_RAS_to_LIA_is_the_identity()
    {
        using var bert = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "brain.mgz"));
        Assert.Equal("LIA", Orientation.AxisCodes(bert));

        using var ras = Orientation.Reorient(bert, "RAS");
        using var back = Orientation.Reorient(ras, "LIA");

        Assert.Equal("RAS", Orientation.AxisCodes(ras));
        Assert.Equal(bert.Shape.ToArray(), back.Shape.ToArray());
        Assert.True(bert.Data.SequenceEqual(back.Data));
        Assert.True(bert.Affine.MaxAbsDifference(back.Affine) < 1e-9);
    }

    [Fact]
    public void Reorientation_keeps_every_voxel_at_its_world_position()
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "5D_small.nii"));
        using var r = Orientation.Reorient(v, "RAS");
        Assert.Equal("RAS", Orientation.AxisCodes(r));
        for (var t = 0; t < v.Frames; t++)
            for (var z = 0; z < v.Nz; z++)
                for (var y = 0; y < v.Ny; y++)
                    for (var x = 0; x < v.Nx; x++)
                    {
                        var world = v.Affine.Apply(x, y, z);
                        var (i, j, k) = r.Affine.Inverse().Apply(world.X, world.Y, world.Z);
                        var (ri, rj, rk) = ((int)Math.Round(i), (int)Math.Round(j), (int)Math.Round(k));
                        Assert.True(Math.Abs(i - ri) < 1e-6 && Math.Abs(j - rj) < 1e-6 && Math.Abs(k - rk) < 1e-6);
                        Assert.Equal(v[x, y, z, t], r.Data[r.Index(ri, rj, rk) + t * r.SpatialCount]);
                    }
    }

    [Fact]
    public void Reorientation_to_RAS_of_bert_matches_an_explicit_flip_and_permutation()
    {
        using var bert = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "aseg.mgz"));
        using var ras = Orientation.Reorient(bert, "RAS");
        // LIA → RAS: new x = flipped old x (L→R), new y = old z (already A), new z = flipped old y (I→S).
        var n = bert.Nx;
        foreach (var (x, y, z) in new[] { (64, 135, 108), (128, 128, 128), (0, 0, 0), (255, 17, 200) })
            Assert.Equal(bert[x, y, z], ras[n - 1 - x, z, n - 1 - y]);
    }

    [Fact]
    public void Reorientation_refuses_a_singular_affine()
    {
        using var v = new Volume([2, 2, 2], new Affine([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]));
        var ex = Assert.Throws<InvalidInputException>(() => Orientation.Reorient(v, "RAS"));
        Assert.Contains("not invertible", ex.Message);
    }

    [Theory]
    [InlineData("RAX")]
    [InlineData("RRS")]
    [InlineData("RA")]
    public void Bad_target_codes_are_refused(string codes)
    {
        using var v = new Volume([2, 2, 2], Affine.Identity);
        Assert.Throws<InvalidInputException>(() => Orientation.Reorient(v, codes));
    }
}
