using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Imaging;

public class NormalisationTests
{
    [Theory]
    [InlineData(99.5, PercentileScope.NonZero, "ixi013_percentile_99_5_nonzero")]
    [InlineData(99, PercentileScope.All, "ixi013_percentile_99_all")]
    [InlineData(37.25, PercentileScope.NonZero, "ixi013_percentile_37_25_nonzero")]
    public void Percentiles_match_numpy_on_a_real_brain(double q, PercentileScope scope, string key)
    {
        using var v = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        Assert.Equal(ImagingReference.Get(key).GetDouble(), Percentile.Of(v.Data, q, scope));
    }

    [Fact]
    public void Percentiles_interpolate_linearly_between_order_statistics_as_numpy()
    {
        float[] data = [4, 1, 3, 2, 0, 0];
        Assert.Equal(2.5, Percentile.Of(data, 50, PercentileScope.NonZero));
        Assert.Equal(1.75, Percentile.Of(data, 25, PercentileScope.NonZero));
        Assert.Equal(1.5, Percentile.Of(data, 50, PercentileScope.All));
        Assert.Equal(4, Percentile.Of(data, 100));
        Assert.Equal(0, Percentile.Of(data, 0));
    }

    [Fact]
    public void Selection_agrees_with_sorting_on_random_data()
    {
        var rng = new Random(7);
        var data = Enumerable.Range(0, 10_001).Select(_ => (float)Math.Round(rng.NextDouble() * 50)).ToArray();
        var sorted = data.OrderBy(f => f).ToArray();
        foreach (var q in new[] { 0.0, 1, 12.5, 50, 99, 99.9, 100 })
        {
            var rank = (sorted.Length - 1) * q / 100;
            var lo = (int)Math.Floor(rank);
            var expected = lo + 1 < sorted.Length ? sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (rank - lo) : sorted[lo];
            Assert.Equal(expected, Percentile.Of(data, q), 1e-9);
        }
    }

    [Fact]
    public void Clipping_caps_values_at_the_percentile()
    {
        using var v = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        var cap = Normalisation.ClipAtPercentile(v, 99.5, PercentileScope.NonZero);
        Assert.Equal(ImagingReference.Get("ixi013_percentile_99_5_nonzero").GetDouble(), cap);
        Assert.Equal(cap, VolumeStatistics.Of(v.Data).Max);
    }

    [Fact]
    public void Min_max_scaling_maps_onto_zero_one()
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "anatomical.nii"));
        Normalisation.MinMaxScale(v);
        var s = VolumeStatistics.Of(v.Data);
        Assert.Equal(0, s.Min);
        Assert.Equal(1, s.Max, 1e-7);
        Assert.Equal(VoxelType.Float32, v.DataType);
    }

    [Fact]
    public void UInt8_scaling_gives_whole_numbers_from_0_to_255()
    {
        using var v = VolumeFile.Read(TestData.File("nifti", "anatomical.nii"));
        Normalisation.ToUInt8(v);
        var s = VolumeStatistics.Of(v.Data);
        Assert.Equal(0, s.Min);
        Assert.Equal(255, s.Max);
        Assert.All(v.Data.ToArray(), f => Assert.Equal(MathF.Round(f), f));
        Assert.Equal(VoxelType.UInt8, v.DataType);
    }
}
