using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Analysis.Spaces.Files;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Spaces;

/// <summary>
/// FSL FLIRT matrices act in FSL's scaled-voxel coordinates (voxel × pixdim, x flipped when the image's affine has a
/// positive determinant); the expected world maps below are worked out by hand from that definition.
/// </summary>
public class FslMatrixTests
{
    private static ImageGrid GridOf(params string[] file)
    {
        using var v = VolumeFile.Read(TestData.File(file));
        return ImageGrid.Of(v);
    }

    private static LinearTransform Step(string matrix, ImageGrid source, ImageGrid reference)
    {
        var dir = TestData.NewTempDirectory("spaces-fsl");
        var path = Path.Combine(dir, "flirt.mat");
        System.IO.File.WriteAllText(path, matrix);
        var chain = TransformChainLoader.Load([new TransformReference(path, Fsl: new FslMatrixImages(source, reference))]);
        return chain.ToLinear();
    }

    [Fact]
    public void A_shift_along_fsl_x_moves_the_other_way_in_world_for_a_neurological_image()
    {
        // IXI: RAS, determinant > 0, so FSL x = (255 − i)·1: +5 in FSL x is −5 mm in world (source → reference);
        // the chain step (reference → source) is +5 mm.
        var ixi = GridOf("ixi", "IXI013-HH-1212-T1__brain.nii.gz");
        var step = Step("1 0 0 5\n0 1 0 0\n0 0 1 0\n0 0 0 1\n", ixi, ixi);
        Assert.True(step.Matrix.MaxAbsDifference(Affine.Translation(5, 0, 0)) < 1e-9, step.Matrix.ToString());
    }

    [Fact]
    public void A_shift_along_fsl_x_is_a_world_shift_for_a_radiological_image()
    {
        // MNI avg152: x = −2·i + 90 (determinant < 0, no flip), FSL x = 2·i: +5 in FSL x is i + 2.5, −5 mm in world.
        var mni = GridOf("nifti", "avg152T1_LR_nifti.nii.gz");
        var step = Step("1 0 0 5\n0 1 0 0\n0 0 1 0\n0 0 0 1\n", mni, mni);
        Assert.True(step.Matrix.MaxAbsDifference(Affine.Translation(5, 0, 0)) < 1e-9, step.Matrix.ToString());
    }

    [Fact]
    public void The_identity_between_different_grids_maps_scaled_voxels_onto_each_other()
    {
        // Source MNI voxel (10, 20, 30): FSL (20, 40, 60), world (70, −86, −12). Reference IXI (flipped x): FSL (20, 40, 60)
        // is voxel (235, 40, 60), world (106, −105, −49). The step maps that reference point to that source point.
        var mni = GridOf("nifti", "avg152T1_LR_nifti.nii.gz");
        var ixi = GridOf("ixi", "IXI013-HH-1212-T1__brain.nii.gz");
        var step = Step("1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1\n", mni, ixi);
        var (x, y, z) = step.Map(106, -105, -49);
        Assert.Equal(70, x, 1e-9);
        Assert.Equal(-86, y, 1e-9);
        Assert.Equal(-12, z, 1e-9);
    }

    [Fact]
    public void A_flirt_matrix_round_trips_through_its_world_transform()
    {
        var mni = GridOf("nifti", "avg152T1_LR_nifti.nii.gz");
        var ixi = GridOf("ixi", "IXI013-HH-1212-T1__brain.nii.gz");
        var images = new FslMatrixImages(ixi, mni);
        var flirt = new Affine([0.98, 0.05, -0.02, 3.5, -0.04, 1.01, 0.08, -7, 0.03, -0.06, 0.97, 12, 0, 0, 0, 1]);
        var back = FslMatrixFile.FromTransform(FslMatrixFile.ToTransform(flirt, images), images);
        Assert.True(flirt.MaxAbsDifference(back) < 1e-9);
    }

    [Fact]
    public void A_malformed_flirt_matrix_is_refused_naming_the_line()
    {
        var mni = GridOf("nifti", "avg152T1_LR_nifti.nii.gz");
        var ex = Assert.Throws<InvalidInputException>(() => Step("1 0 0 0\n0 1 0\n0 0 1 0\n0 0 0 1\n", mni, mni));
        Assert.Contains("flirt.mat: line 2: 3 numbers; expected 4", ex.Message);
    }
}
