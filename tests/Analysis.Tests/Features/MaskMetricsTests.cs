using RelevanceRelated.Analysis.Features;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Features;

public class MaskMetricsTests
{
    // Non-zero relevance: 1, −2, 3, 4, −1, 0.5 (sum 5.5); positive: 1, 3, 4, 0.5 (sum 8.5, mean 2.125); negative sum −3.
    // Mask voxels hold 1, −2, 0, 0.5 (four voxels, sum −0.5): a zero inside the mask counts.
    private static readonly float[] Relevance = [0, 1, -2, 3, 0, 4, -1, 0.5f];
    private static readonly bool[] Mask = [false, true, true, false, true, false, false, true];

    [Fact]
    public void Metrics_follow_the_original_definitions()
    {
        var m = MaskMetrics.Compute(Relevance, Mask, MaskFeature.Pvs, age: 61.5, brainAge: 64.25);
        Assert.Equal(5.5 / 6, m.AVoxel, 15);
        Assert.Equal(5.5, m.SVoxel);
        Assert.Equal(4, m.NFeatureVoxel);
        Assert.Equal(-0.125, m.AFeatureVoxel);
        Assert.Equal(-0.5, m.SFeatureVoxel);
        Assert.Equal(22, m.AsVoxel); // s_voxel × n_pvs_voxel
        Assert.Equal(8.5, m.SPosVoxel);
        Assert.Equal(-3, m.SNegVoxel);
        Assert.Equal(-0.5 / 8.5, m.PFeatureVoxel, 15);
        Assert.Equal(1.0, m.PVoxel, 15); // 2.125 × 4 / 8.5
        Assert.Equal(2.125, m.ApVoxel);
        Assert.Equal(61.5, m.Age);
        Assert.Equal(64.25, m.BrainAge);
    }

    [Theory]
    [InlineData("pvs")]
    [InlineData("wml")]
    public void Column_names_are_the_originals(string f) =>
        Assert.Equal(["a_voxel", "s_voxel", $"n_{f}_voxel", $"a_{f}_voxel", $"s_{f}_voxel", "as_voxel", "s_pos_voxel", "s_neg_voxel",
            $"p_{f}_voxel", "p_voxel", "ap_voxel", "age", "brain_age"], MaskMetrics.ColumnNames(MaskFeatures.Parse(f)));

    [Fact]
    public void An_empty_mask_gives_no_mean()
    {
        var m = MaskMetrics.Compute(Relevance, new bool[Relevance.Length], MaskFeature.Wml);
        Assert.Equal(0, m.NFeatureVoxel);
        Assert.True(double.IsNaN(m.AFeatureVoxel));
        Assert.Equal(0, m.PVoxel);
    }

    [Fact]
    public void A_mask_on_another_grid_is_bad_input() =>
        Assert.Throws<InvalidInputException>(() => MaskMetrics.Compute(Relevance, new bool[3], MaskFeature.Pvs));

    [Fact]
    public void An_unknown_feature_is_bad_input() =>
        Assert.Throws<InvalidInputException>(() => MaskFeatures.Parse("cmb"));

    [Fact]
    public void Lesion_probability_is_thresholded_strictly_above_point_eight_in_single_precision()
    {
        // The original's math_img("img > 0.8") on a float32 map: 0.8f is not above 0.8 once numpy compares in float32.
        Assert.Equal([false, false, true, true, false], LesionMask.FromProbability([0.79f, 0.8f, 0.80000007f, 0.95f, float.NaN]));
    }

    [Fact]
    public void Metrics_restricted_to_a_region_count_outside_relevance_as_zero()
    {
        // Region: voxels 1..5. Inside it relevance 1, −2, 3, 0, 4 (non-zero sum 6) and mask voxels 1, 2, 4 (sum −1).
        byte[] mask = [0, 1, 1, 0, 1, 0, 0, 1];
        byte[] region = [0, 1, 1, 1, 1, 1, 0, 0];
        var m = MaskMetrics.Compute(Relevance, mask, region, MaskFeature.Pvs);
        Assert.Equal(6, m.SVoxel);
        Assert.Equal(1.5, m.AVoxel);
        Assert.Equal(3, m.NFeatureVoxel);
        Assert.Equal(-1, m.SFeatureVoxel);
        Assert.Equal(8, m.SPosVoxel);
        Assert.Equal(-2, m.SNegVoxel);
        var everywhere = MaskMetrics.Compute(Relevance, mask, ReadOnlyMemory<byte>.Empty, MaskFeature.Pvs);
        Assert.Equal(MaskMetrics.Compute(Relevance, Mask, MaskFeature.Pvs), everywhere);
    }

    [Fact]
    public void Slabs_in_parallel_give_the_sequential_metrics_of_a_large_map()
    {
        var random = new Random(11);
        var relevance = Enumerable.Range(0, 700_000).Select(i => i % 4 == 0 ? 0f : (float)(random.NextDouble() - 0.4)).ToArray();
        var mask = relevance.Select((_, i) => (byte)(i % 7 == 0 ? 1 : 0)).ToArray();
        var parallel = MaskMetrics.Compute(relevance, mask, ReadOnlyMemory<byte>.Empty, MaskFeature.Pvs);
        var sequential = MaskMetrics.Compute(relevance, mask.Select(b => b != 0).ToArray(), MaskFeature.Pvs);
        Assert.Equal(sequential.NFeatureVoxel, parallel.NFeatureVoxel);
        var (a, b) = (sequential.Values(), parallel.Values());
        for (var k = 0; k < a.Count; k++)
            Assert.True(a[k].Equals(b[k]) || Math.Abs(a[k] - b[k]) <= 1e-12 * Math.Abs(a[k]), $"column {k}: {a[k]:R} vs {b[k]:R}");
    }

    [Fact]
    public void The_feature_travels_in_json_as_the_name_it_had_before_the_enum()
    {
        var m = MaskMetrics.Compute(Relevance, Mask, MaskFeature.Wml);
        var json = System.Text.Json.JsonSerializer.Serialize(m, new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        Assert.Contains("\"Feature\":\"wml\"", json);
        Assert.Equal(m, System.Text.Json.JsonSerializer.Deserialize<MaskMetrics>(json, new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
    }
}
