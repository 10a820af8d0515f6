using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Analysis.Tests.Models;

/// <summary>
/// A hand-built 20³ map (voxels 1×1×2 mm) whose clusters are known by construction:
/// A — a 2×2×2 cube (8 voxels, label 10);
/// B — a diagonal chain of 6 voxels touching only at corners (one cluster under 26-connectivity, six under 6;
///     4 voxels in label 11, 2 in label 12);
/// C — a line of 3 voxels (label 14);
/// D — two 2×2 squares touching only along an edge (one cluster of 8 under 26, two of 4 under 6; 4 voxels in
///     label 12, 4 in label 13).
/// </summary>
public class PvsPostProcessingTests
{
    private const int N = 20;

    [Theory]
    [InlineData(Connectivity.Six, 0, 10, 25)]
    [InlineData(Connectivity.TwentySix, 0, 4, 25)]
    [InlineData(Connectivity.Six, 5, 1, 8)]
    [InlineData(Connectivity.TwentySix, 5, 3, 22)]
    public void Cluster_filtering_matches_the_count_by_construction(Connectivity connectivity, int clusterSize, int clusters, int voxels)
    {
        using var map = HandBuilt(out _);
        var masks = PvsPostProcessing.Apply(map, new PvsPostProcessingOptions { ClusterSize = clusterSize, Connectivity = connectivity });
        Assert.Equal(voxels, masks.Clusters.Sum(b => b));
        Assert.Equal(clusters, PvsCensus.Of(masks.Clusters, map, connectivity).ClusterCount);
    }

    [Theory]
    [InlineData(ThresholdComparison.GreaterOrEqual, 2)]
    [InlineData(ThresholdComparison.Greater, 1)]
    public void A_probability_equal_to_the_threshold_counts_only_with_greater_or_equal(ThresholdComparison comparison, int expected)
    {
        using var map = new Volume([4, 4, 4], Affine.Identity);
        map[1, 1, 1] = 0.5f;
        map[2, 2, 2] = 0.51f;
        map[3, 3, 3] = 0.49f;
        var masks = PvsPostProcessing.Apply(map, new PvsPostProcessingOptions { ClusterSize = 0, Comparison = comparison });
        Assert.Equal(expected, masks.Clusters.Sum(b => b));
    }

    [Fact]
    public void Census_reports_volumes_in_cubic_millimetres_and_winner_take_all_regions()
    {
        using var map = HandBuilt(out var labels);
        using (labels)
        {
            var masks = PvsPostProcessing.Apply(map, new PvsPostProcessingOptions { ClusterSize = 5, Connectivity = Connectivity.TwentySix });
            var census = PvsCensus.Of(masks.Clusters, map, Connectivity.TwentySix, labels);
            // Clusters of 8, 6 and 8 voxels of 2 mm³.
            Assert.Equal(3, census.ClusterCount);
            Assert.Equal(44, census.TotalVolumeMm3, 9);
            Assert.Equal(44 / 3.0, census.MeanVolumeMm3, 9);
            Assert.Equal(16, census.MedianVolumeMm3, 9);
            Assert.Equal(16, census.MaxVolumeMm3, 9);
            // A in 10; B mostly in 11; D tied between 12 and 13 goes to 12.
            Assert.Equal(new Dictionary<int, int> { [10] = 1, [11] = 1, [12] = 1 }, census.CountsByLabel);
        }
    }

    [Fact]
    public void Dilation_grows_the_output_and_border_only_keeps_what_it_adds()
    {
        using var map = HandBuilt(out _);
        var dilated = PvsPostProcessing.Apply(map, new PvsPostProcessingOptions { ClusterSize = 5, Connectivity = Connectivity.Six, DilateBy = 1 });
        var border = PvsPostProcessing.Apply(map, new PvsPostProcessingOptions { ClusterSize = 5, Connectivity = Connectivity.Six, DilateBy = 1, BorderOnly = true });
        // Only the cube survives: each of its 6 faces adds 4 voxels.
        Assert.Equal(8, dilated.Clusters.Sum(b => b));
        Assert.Equal(32, dilated.Output.Sum(b => b));
        Assert.Equal(24, border.Output.Sum(b => b));
        for (var i = 0; i < border.Output.Length; i++) Assert.False(border.Output[i] == 1 && border.Clusters[i] == 1);
    }

    [Fact]
    public void A_dilated_basal_ganglia_mask_restricts_the_clusters()
    {
        using var map = HandBuilt(out _);
        using var bg = new Volume([N, N, N], Affine.Scaling(1, 1, 2));
        bg[1, 1, 1] = 1; // dilated once: the 6-connected cross around the cube's corner
        var masks = PvsPostProcessing.Apply(map, new PvsPostProcessingOptions { ClusterSize = 0, BasalGangliaDilateMaskBy = 1 }, bg);
        Assert.Equal(4, masks.Clusters.Sum(b => b));
        Assert.Equal(1, masks.Clusters[map.Index(1, 1, 1)]);
        Assert.Equal(1, masks.Clusters[map.Index(2, 1, 1)]);
        Assert.Equal(0, masks.Clusters[map.Index(2, 2, 1)]);
    }

    [Fact]
    public void Border_only_without_dilation_and_a_mismatched_label_grid_are_refused()
    {
        using var map = HandBuilt(out var labels);
        labels.Dispose();
        Assert.Throws<InvalidInputException>(() => PvsPostProcessing.Apply(map, new PvsPostProcessingOptions { BorderOnly = true }));
        using var small = new Volume([4, 4, 4], Affine.Identity);
        var masks = PvsPostProcessing.Apply(map, new PvsPostProcessingOptions());
        var e = Assert.Throws<InvalidInputException>(() => PvsCensus.Of(masks.Clusters, map, Connectivity.Six, small));
        Assert.Contains("label volume", e.Message);
    }

    private static Volume HandBuilt(out Volume labels)
    {
        var map = new Volume([N, N, N], Affine.Scaling(1, 1, 2));
        labels = new Volume([N, N, N], Affine.Scaling(1, 1, 2), VoxelType.Int32);
        var l = labels;
        void Set(int x, int y, int z, int label)
        {
            map[x, y, z] = 0.9f;
            l[x, y, z] = label;
        }
        for (var z = 1; z <= 2; z++)
            for (var y = 1; y <= 2; y++)
                for (var x = 1; x <= 2; x++) Set(x, y, z, 10);
        for (var i = 0; i < 6; i++) Set(10 + i, 10 + i, 10 + i, i < 4 ? 11 : 12);
        for (var x = 1; x <= 3; x++) Set(x, 15, 15, 14);
        for (var y = 1; y <= 2; y++)
            for (var x = 15; x <= 16; x++) Set(x, y, 1, 12);
        for (var y = 3; y <= 4; y++)
            for (var x = 17; x <= 18; x++) Set(x, y, 1, 13);
        return map;
    }
}
