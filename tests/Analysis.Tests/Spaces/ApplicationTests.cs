using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Spaces;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Spaces;

/// <summary>
/// Moving real images through transform chains equals ITK 5.2's ResampleImageFilter driven as antsApplyTransforms
/// drives it (tests/reference/itk): within 1e-4 of the image range for linear and B-spline, exactly for labels.
/// </summary>
public class ApplicationTests
{
    private static Volume Mni() => VolumeFile.Read(TestData.File("nifti", "avg152T1_LR_nifti.nii.gz"));

    /// <summary>bert's aseg as the reference program read it: through a NIfTI copy whose header stores the affine in
    /// float32 (ITK 5.2 in Debian reads no MGZ); rounding the same way keeps nearest-voxel decisions identical.</summary>
    private static Volume Aseg()
    {
        var v = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "aseg.mgz"));
        v.Affine = new Affine(v.Affine.ToArray().Select(x => (double)(float)x).ToArray());
        return v;
    }

    private static ImageGrid Grid(string fact)
    {
        using var v = VolumeFile.Read(ItkReference.File(fact));
        return ImageGrid.Of(v);
    }

    [Theory]
    [InlineData("mni_affine_linear", SpatialInterpolation.Linear, 0f, "affine_double.mat")]
    [InlineData("mni_warp_affine_linear", SpatialInterpolation.Linear, 0f, "warp.nii.gz", "affine_double.mat")]
    [InlineData("mni_inverse_affine_linear", SpatialInterpolation.Linear, 7f, "[affine_double.mat,1]")]
    [InlineData("mni_affine_bspline", SpatialInterpolation.BSpline, 0f, "affine_double.mat")]
    public void Intensities_match_itk_within_1e_4_of_the_range(string fact, SpatialInterpolation interpolation, float fill, params string[] files)
    {
        using var mni = Mni();
        using var expected = VolumeFile.Read(ItkReference.File(fact + ".nii.gz"));
        using var moved = VolumeMover.Move(mni, ImageGrid.Of(expected), TransformFileTests.Load(files), interpolation, fill, TestContext.Current.CancellationToken);
        var stats = VolumeStatistics.Of(expected.Data);
        var tolerance = 1e-4 * (stats.Max - stats.Min);
        var worst = 0.0;
        for (var i = 0; i < expected.VoxelCount; i++) worst = Math.Max(worst, Math.Abs(expected.Data[i] - moved.Volume.Data[i]));
        Assert.True(worst <= tolerance, $"{fact}: largest difference {worst} > {tolerance}");
        Assert.Contains(moved.Volume.Data.ToArray(), v => v == fill);
    }

    [Fact]
    public void Nearest_neighbour_intensities_equal_itk_exactly()
    {
        using var mni = Mni();
        using var expected = VolumeFile.Read(ItkReference.File("mni_affine_nearest.nii.gz"));
        using var moved = VolumeMover.Move(mni, ImageGrid.Of(expected), TransformFileTests.Load(["affine_double.mat"]), SpatialInterpolation.Nearest, 0, TestContext.Current.CancellationToken);
        AssertExactly(expected, moved.Volume);
    }

    [Theory]
    [InlineData("aseg_affine_nearest", SpatialInterpolation.Nearest, "affine_b.txt")]
    [InlineData("aseg_warp_label", SpatialInterpolation.Label, "warp.nii.gz", "affine_b.txt")]
    public void Labels_equal_itk_exactly(string fact, SpatialInterpolation interpolation, params string[] files)
    {
        using var aseg = Aseg();
        using var expected = VolumeFile.Read(ItkReference.File(fact + ".nii.gz"));
        using var moved = VolumeMover.Move(aseg, ImageGrid.Of(expected), TransformFileTests.Load(files), interpolation, 0, TestContext.Current.CancellationToken);
        Assert.Equal(aseg.DataType, moved.Volume.DataType);
        AssertExactly(expected, moved.Volume);
    }

    [Fact]
    public void A_field_on_the_reference_grid_is_read_directly_with_the_same_result()
    {
        // antsRegistration's warps live on the fixed grid; then each reference voxel reads its own vector.
        using var mni = Mni();
        var grid = ImageGrid.Of(mni);
        var general = TransformFileTests.Load(["warp.nii.gz"]);
        var vectors = new float[3 * grid.VoxelCount];
        for (var k = 0; k < grid.Nz; k++)
            for (var j = 0; j < grid.Ny; j++)
                for (var i = 0; i < grid.Nx; i++)
                {
                    var (x, y, z) = grid.Affine.Apply(i, j, k);
                    var (mx, my, mz) = general.Map(x, y, z);
                    var n = 3 * (i + grid.Nx * (j + grid.Ny * k));
                    (vectors[n], vectors[n + 1], vectors[n + 2]) = ((float)(mx - x), (float)(my - y), (float)(mz - z));
                }
        var onGrid = new DisplacementFieldTransform(grid, vectors);
        var affine = TransformFileTests.Load(["affine_double.mat"]).Steps[0];
        using var direct = VolumeMover.Move(mni, grid, new TransformChain([onGrid, affine]), SpatialInterpolation.Linear, 0, TestContext.Current.CancellationToken);
        // A 1e-7 mm shift first: the field is then sampled trilinearly, as ITK samples it.
        var nudge = new LinearTransform(Affine.Translation(1e-7, 0, 0));
        using var sampled = VolumeMover.Move(mni, grid, new TransformChain([nudge, onGrid, affine]), SpatialInterpolation.Linear, 0, TestContext.Current.CancellationToken);
        var worst = 0.0;
        for (var i = 0; i < mni.VoxelCount; i++) worst = Math.Max(worst, Math.Abs(direct.Volume.Data[i] - sampled.Volume.Data[i]));
        Assert.True(worst < 1e-3, $"largest difference {worst}");
    }

    [Fact]
    public void Label_interpolation_keeps_only_existing_labels_and_smooths_borders_unlike_nearest()
    {
        using var aseg = Aseg();
        var grid = Grid("labels_grid.nii.gz");
        var chain = TransformFileTests.Load(["warp.nii.gz", "affine_b.txt"]);
        using var label = VolumeMover.Move(aseg, grid, chain, SpatialInterpolation.Label, 0, TestContext.Current.CancellationToken);
        using var nearest = VolumeMover.Move(aseg, grid, chain, SpatialInterpolation.Nearest, 0, TestContext.Current.CancellationToken);
        var labels = aseg.Data.ToArray().Distinct().ToHashSet();
        Assert.All(label.Volume.Data.ToArray().Distinct(), v => Assert.Contains(v, labels));
        var differing = 0;
        for (var i = 0; i < label.Volume.VoxelCount; i++) if (label.Volume.Data[i] != nearest.Volume.Data[i]) differing++;
        Assert.InRange(differing, 1, label.Volume.VoxelCount / 10);
    }

    [Fact]
    public void The_record_names_every_file_with_its_hash_and_inversion()
    {
        using var mni = Mni();
        var chain = TransformFileTests.Load(["warp.nii.gz", "[affine_double.mat,1]"]);
        using var moved = VolumeMover.Move(mni, Grid("reference_grid.nii.gz"), chain, SpatialInterpolation.BSpline, -1, TestContext.Current.CancellationToken);
        var record = MoveRecord.FromJson(moved.Record.ToJson(), "test");
        Assert.Equal(2, record.Transforms.Count);
        Assert.Equal(ItkReference.File("warp.nii.gz"), record.Transforms[0].File);
        Assert.False(record.Transforms[0].Inverted);
        Assert.True(record.Transforms[1].Inverted);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(ItkReference.File("affine_double.mat")))).ToLowerInvariant(),
            record.Transforms[1].Sha256);
        Assert.Equal("bspline", record.Interpolation);
        Assert.Equal(-1, record.DefaultValue);
        Assert.Equal([40, 48, 42], record.ReferenceShape);
    }

    [Fact]
    public void A_cancelled_move_stops()
    {
        using var mni = Mni();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            VolumeMover.Move(mni, Grid("reference_grid.nii.gz"), TransformFileTests.Load(["affine_double.mat"]), SpatialInterpolation.Linear, 0, cts.Token));
    }

    private static void AssertExactly(Volume expected, Volume actual)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        var mismatches = new List<string>();
        for (var i = 0; i < expected.VoxelCount && mismatches.Count < 5; i++)
            if (expected.Data[i] != actual.Data[i]) mismatches.Add($"voxel {i}: ITK {expected.Data[i]}, ours {actual.Data[i]}");
        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches));
    }
}
