using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Models;

public class ShivaPvsEnsembleTests
{
    private static readonly int[] ShivaBox = [160, 214, 176];

    [Fact]
    public void Two_channel_folds_are_averaged_and_the_map_returns_exactly_to_the_native_grid()
    {
        // Fold 0 passes T1 through, fold 1 passes FLAIR through: the ensemble must return, at every native voxel,
        // the mean of the two normalised channels; positions only line up if crop/pad and uncrop are exact.
        var dir = TestData.NewTempDirectory("rr-pvs");
        string[] folds =
        [
            TinyOnnxNetworks.Write(dir, "fold0", [1, 0], 0, ShivaBox, channelsLast: true),
            TinyOnnxNetworks.Write(dir, "fold1", [0, 1], 0, ShivaBox, channelsLast: false),
        ];
        using var t1 = ModelTestVolumes.Ixi();
        using var flair = t1.CreateLike(VoxelType.Float32);
        for (var i = 0; i < t1.VoxelCount; i++) flair.Data[i] = t1.Data[i] > 0 ? 200 - t1.Data[i] : 0;

        using var ensemble = ShivaPvsEnsemble.Load("tiny", folds, channels: 2, ShivaBox, 99, PercentileScope.All);
        using var p = ensemble.Predict(t1, flair);

        Assert.Equal(t1.Shape.ToArray(), p.Shape.ToArray());
        Assert.Equal(t1.Affine, p.Affine);
        // Percentiles over the whole box: the brain's voxels plus the zeros that fill the rest of the box.
        var zeros = ShivaBox[0] * ShivaBox[1] * ShivaBox[2] - t1.Data.ToArray().Count(v => v != 0);
        var q0 = NumpyPercentile(t1.Data.ToArray().Where(v => v != 0), zeros, 99);
        var q1 = NumpyPercentile(flair.Data.ToArray().Where(v => v != 0), zeros, 99);
        double worst = 0;
        for (var i = 0; i < t1.VoxelCount; i++)
        {
            var expected = t1.Data[i] == 0 ? 0 : (Math.Min(t1.Data[i], q0) / q0 + Math.Min(flair.Data[i], q1) / q1) / 2;
            worst = Math.Max(worst, Math.Abs(p.Data[i] - expected));
        }
        Assert.True(worst < 1e-5, $"largest difference {worst}");
    }

    [Fact]
    public void A_one_channel_model_on_a_freesurfer_lia_brain_clips_brain_voxels_and_keeps_the_native_orientation()
    {
        var dir = TestData.NewTempDirectory("rr-pvs");
        var fold = TinyOnnxNetworks.Write(dir, "t1only", [1], 0, ShivaBox, channelsLast: false);
        using var t1 = VolumeFile.Read(TestData.File("freesurfer", "bert", "mri", "brain.mgz"));
        Assert.Equal("LIA", Orientation.AxisCodes(t1));

        using var ensemble = ShivaPvsEnsemble.Load("t1", [fold], channels: 1, ShivaBox, 99, PercentileScope.NonZero);
        using var p = ensemble.Predict(t1);

        var q = NumpyPercentile(t1.Data.ToArray().Where(v => v != 0), 0, 99);
        double worst = 0;
        for (var i = 0; i < t1.VoxelCount; i++)
        {
            var expected = t1.Data[i] == 0 ? 0 : Math.Min(t1.Data[i], q) / q;
            worst = Math.Max(worst, Math.Abs(p.Data[i] - expected));
        }
        Assert.True(worst < 1e-5, $"largest difference {worst}");
    }

    [Fact]
    public void A_brain_larger_than_the_box_is_cropped_centrally_and_zero_outside_it()
    {
        int[] small = [100, 120, 110];
        var dir = TestData.NewTempDirectory("rr-pvs");
        var fold = TinyOnnxNetworks.Write(dir, "small", [1], 0.25f, small, channelsLast: true);
        using var t1 = ModelTestVolumes.Ixi();
        var brain = Pruning.BrainBoundingBox(t1, 0)!.Value;

        using var ensemble = ShivaPvsEnsemble.Load("small", [fold], channels: 1, small, 99, PercentileScope.NonZero);
        using var p = ensemble.Predict(t1);

        // The bias makes every kept voxel non-zero: the kept block is exactly the box, centred on the brain.
        int minX = int.MaxValue, maxX = -1, minY = int.MaxValue, maxY = -1, minZ = int.MaxValue, maxZ = -1;
        for (var z = 0; z < t1.Nz; z++)
            for (var y = 0; y < t1.Ny; y++)
                for (var x = 0; x < t1.Nx; x++)
                    if (p[x, y, z] != 0)
                    {
                        minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
                        minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
                        minZ = Math.Min(minZ, z); maxZ = Math.Max(maxZ, z);
                    }
        Assert.Equal(small, new[] { maxX - minX + 1, maxY - minY + 1, maxZ - minZ + 1 });
        Assert.Equal((brain.SizeX - small[0]) / 2, minX - brain.MinX);
        Assert.Equal((brain.SizeY - small[1]) / 2, minY - brain.MinY);
        Assert.Equal((brain.SizeZ - small[2]) / 2, minZ - brain.MinZ);
    }

    [Fact]
    public void Images_not_at_1mm_are_resampled_for_the_model_and_the_map_returns_on_their_own_grid()
    {
        var dir = TestData.NewTempDirectory("rr-pvs");
        var fold = TinyOnnxNetworks.Write(dir, "t1only", [1], 0, ShivaBox, channelsLast: true);
        using var oneMm = ModelTestVolumes.Ixi();
        using var t1 = Resampler.Resample(oneMm, [128, 128, 128], oneMm.Affine * Affine.Scaling(2, 2, 2));

        using var ensemble = ShivaPvsEnsemble.Load("t1", [fold], channels: 1, ShivaBox, 99, PercentileScope.NonZero);
        using var p = ensemble.Predict(t1);

        Assert.Equal(t1.Shape.ToArray(), p.Shape.ToArray());
        Assert.Equal(t1.Affine, p.Affine);
        // The map is the normalised T1 resampled to 1 mm and back: close to it on brain voxels away from the edge.
        var q = NumpyPercentile(t1.Data.ToArray().Where(v => v != 0), 0, 99);
        double sdd = 0, sxx = 0;
        long n = 0;
        for (var z = 1; z < t1.Nz - 1; z++)
            for (var y = 1; y < t1.Ny - 1; y++)
                for (var x = 1; x < t1.Nx - 1; x++)
                {
                    if (t1[x, y, z] == 0 || t1[x - 1, y, z] == 0 || t1[x + 1, y, z] == 0) continue;
                    double a = Math.Min(t1[x, y, z], q) / q, b = p[x, y, z];
                    sdd += (a - b) * (a - b); sxx += a * a; n++;
                }
        Assert.True(n > 100_000);
        var relativeRms = Math.Sqrt(sdd / sxx);
        Assert.True(relativeRms < 0.02, $"relative RMS difference {relativeRms:F4}");
    }

    [Fact]
    public void A_model_whose_input_disagrees_with_the_box_is_refused_naming_the_entry_and_the_expectation()
    {
        var dir = TestData.NewTempDirectory("rr-pvs");
        var fold = TinyOnnxNetworks.Write(dir, "wrong", [1, 0], 0, [96, 96, 96], channelsLast: true);
        var e = Assert.Throws<InvalidInputException>(() => ShivaPvsEnsemble.Load("shiva", [fold], channels: 2, ShivaBox));
        Assert.Contains("pvs_models.shiva", e.Message);
        Assert.Contains("[N, 160, 214, 176, 2]", e.Message);
    }

    [Fact]
    public void A_two_channel_model_without_flair_and_a_missing_fold_are_refused()
    {
        var dir = TestData.NewTempDirectory("rr-pvs");
        var fold = TinyOnnxNetworks.Write(dir, "f", [1, 0], 0, ShivaBox, channelsLast: true);
        Assert.Throws<InvalidInputException>(() => ShivaPvsEnsemble.Load("shiva", [Path.Combine(dir, "missing.onnx")], channels: 2));
        using var ensemble = ShivaPvsEnsemble.Load("shiva", [fold], channels: 2);
        using var t1 = new Volume([8, 8, 8], Affine.Identity);
        var e = Assert.Throws<InvalidInputException>(() => ensemble.Predict(t1));
        Assert.Contains("FLAIR", e.Message);
    }

    /// <summary>numpy.percentile (linear) over the given values plus <paramref name="zeros"/> zeros.</summary>
    private static double NumpyPercentile(IEnumerable<float> values, int zeros, double percent)
    {
        var nonZero = values.ToArray();
        Array.Sort(nonZero);
        double At(int k) => k < zeros ? 0 : nonZero[k - zeros];
        var count = nonZero.Length + zeros;
        var rank = (count - 1) * percent / 100;
        var lo = (int)Math.Floor(rank);
        return lo + 1 < count ? At(lo) + (At(lo + 1) - At(lo)) * (rank - lo) : At(lo);
    }
}
