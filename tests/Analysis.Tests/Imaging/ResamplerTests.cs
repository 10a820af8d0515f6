using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Imaging;

public class ResamplerTests
{
    [Theory]
    [InlineData(Interpolation.Linear)]
    [InlineData(Interpolation.Nearest)]
    public void Resampling_onto_its_own_grid_is_the_identity(Interpolation interpolation)
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "example4d.nii.gz"));
        using var r = Resampler.ResampleLike(v, v, interpolation);
        Assert.Equal(v.Shape.ToArray(), r.Shape.ToArray());
        Assert.True(v.Data.SequenceEqual(r.Data));
    }

    [Fact]
    public void Resampling_bert_onto_its_own_oblique_free_grid_is_the_identity()
    {
        using var v = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "norm.mgz"));
        using var r = Resampler.ResampleLike(v, v);
        Assert.True(v.Data.SequenceEqual(r.Data));
    }

    [Theory]
    [InlineData(3, -2, 5, Interpolation.Linear)]
    [InlineData(-7, 0, 1, Interpolation.Linear)]
    [InlineData(2, 9, -4, Interpolation.Nearest)]
    public void An_integer_translation_equals_an_exact_shift(int dx, int dy, int dz, Interpolation interpolation)
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "avg152T1_LR_nifti.nii.gz"));
        // Target voxel o sits where source voxel o + d sits: output[o] = input[o + d].
        var target = v.Affine * Affine.Translation(dx, dy, dz);
        using var r = Resampler.Resample(v, [v.Nx, v.Ny, v.Nz], target, interpolation, fill: -1);
        for (var z = 0; z < v.Nz; z++)
            for (var y = 0; y < v.Ny; y++)
                for (var x = 0; x < v.Nx; x++)
                {
                    int sx = x + dx, sy = y + dy, sz = z + dz;
                    var inside = sx >= 0 && sy >= 0 && sz >= 0 && sx < v.Nx && sy < v.Ny && sz < v.Nz;
                    Assert.Equal(inside ? v[sx, sy, sz] : -1f, r[x, y, z]);
                }
    }

    [Fact]
    public void Trilinear_rotation_matches_scipy_affine_transform_order_1()
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "avg152T1_LR_nifti.nii.gz"));
        var output = new float[v.SpatialCount];
        Resampler.Transform(v.Memory, v.Shape3, output, v.Shape3, BenchmarkTransform(), Interpolation.Linear);

        Assert.Equal(ImagingReference.Get("mni_rotated_sum").GetDouble(), output.Sum(f => (double)f), 1e-6 * ImagingReference.Get("mni_rotated_sum").GetDouble());
        Assert.Equal(ImagingReference.Get("mni_rotated_nonzero").GetInt32(), output.Count(f => f != 0));
        foreach (var probe in ImagingReference.Get("mni_rotated_probes").EnumerateArray())
        {
            var p = probe.EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var i = (int)p[0] + v.Nx * ((int)p[1] + v.Ny * (int)p[2]);
            Assert.Equal(p[3], output[i], 1e-3);
        }
    }

    [Fact]
    public void Nearest_rotation_matches_scipy_affine_transform_order_0()
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "avg152T1_LR_nifti.nii.gz"));
        var output = new float[v.SpatialCount];
        Resampler.Transform(v.Memory, v.Shape3, output, v.Shape3, BenchmarkTransform(), Interpolation.Nearest);
        var expected = ImagingReference.Get("mni_rotated_nearest_sum").GetDouble();
        Assert.Equal(expected, output.Sum(f => (double)f), 1e-6 * expected);
    }

    [Fact]
    public void Resampling_refuses_a_singular_source_affine()
    {
        using var v = new Volume([3, 3, 3], new Affine([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
        var ex = Assert.Throws<InvalidInputException>(() => Resampler.Resample(v, [3, 3, 3], Affine.Identity));
        Assert.Contains("not invertible", ex.Message);
    }

    [Fact]
    public void Samples_outside_the_input_take_the_fill_value()
    {
        using var v = Volume.FromData([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2], Affine.Identity);
        using var r = Resampler.Resample(v, [4, 2, 2], Affine.Identity, fill: 42);
        Assert.Equal(42f, r[2, 0, 0]);
        Assert.Equal(42f, r[3, 1, 1]);
        Assert.Equal(v[1, 1, 1], r[1, 1, 1]);
    }

    /// <summary>The benchmark's transform: a 0.1 rad rotation about the third axis and an offset of (3, 4, 5) voxels.</summary>
    internal static Affine BenchmarkTransform()
    {
        double c = Math.Cos(0.1), s = Math.Sin(0.1);
        return new Affine([c, -s, 0, 3, s, c, 0, 4, 0, 0, 1, 5, 0, 0, 0, 1]);
    }
}
