using RelevanceRelated.Analysis.Imaging;

namespace RelevanceRelated.Analysis.Tests.Imaging;

/// <summary>Image statistics as numpy's nan-functions compute them (values from numpy 1.24), with the non-finite voxels counted.</summary>
public sealed class VolumeStatisticsTests
{
    [Fact]
    public void NaN_voxels_are_skipped_as_nansum_nanmin_nanmax_and_nanmean_skip_them()
    {
        float[] data = [1.5f, float.NaN, -2f, 0f, 4f, float.NaN];

        var s = VolumeStatistics.Of(data);

        // np.nansum, np.nanmin, np.nanmax, np.nanmean; count_nonzero of the non-NaN values.
        Assert.Equal((3.5, -2.0, 4.0, 0.875, 3L), (s.Sum, s.Min, s.Max, s.Mean, s.NonZero));
        Assert.Equal((6L, 2L, 0L, 0L), (s.Count, s.NaN, s.PositiveInfinity, s.NegativeInfinity));
        Assert.True(s.HasNonFinite);
    }

    [Fact]
    public void Infinities_take_part_as_in_numpy_and_are_counted()
    {
        float[] data = [1f, float.PositiveInfinity, -3f, float.NaN];

        var s = VolumeStatistics.Of(data);

        Assert.Equal((double.PositiveInfinity, -3.0, double.PositiveInfinity, double.PositiveInfinity), (s.Sum, s.Min, s.Max, s.Mean));
        Assert.Equal((1L, 1L, 0L), (s.NaN, s.PositiveInfinity, s.NegativeInfinity));
    }

    [Fact]
    public void An_image_of_only_NaN_has_a_zero_sum_and_NaN_extremes_and_mean()
    {
        var s = VolumeStatistics.Of([float.NaN, float.NaN]);

        Assert.Equal(0, s.Sum);
        Assert.True(double.IsNaN(s.Min) && double.IsNaN(s.Max) && double.IsNaN(s.Mean));
        Assert.Equal((0L, 2L), (s.NonZero, s.NaN));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(36)]
    [InlineData(17)]
    public void Finite_voxels_pass_the_model_guard_and_one_NaN_anywhere_is_refused(int where)
    {
        var values = Enumerable.Range(0, 37).Select(i => (float)i).ToArray();
        using var fine = Volume.FromData(values, [37, 1, 1], Affine.Identity);
        FiniteVoxels.Require(fine, "x");
        values[where] = float.NaN;
        using var bad = Volume.FromData(values, [37, 1, 1], Affine.Identity);

        var ex = Assert.Throws<InvalidInputException>(() => FiniteVoxels.Require(bad, "the image given to models.m"));

        Assert.StartsWith("the image given to models.m has 1 NaN, 0 +inf and 0 -inf voxels (of 37)", ex.Message);
    }
}
