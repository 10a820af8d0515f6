using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Imaging;

public class MorphologyTests
{
    private static (byte[] Mask, (int, int, int) Shape) BenchmarkMask()
    {
        using var v = VolumeFile.Read(TestData.File("ixi", "IXI013-HH-1212-T1__brain.nii.gz"));
        var threshold = (float)Percentile.Of(v.Data, 99.5, PercentileScope.NonZero);
        return (BinaryMask.Threshold(v.Data, threshold), v.Shape3);
    }

    [Theory]
    [InlineData(Connectivity.Six, "6")]
    [InlineData(Connectivity.Eighteen, "18")]
    [InlineData(Connectivity.TwentySix, "26")]
    public void Components_match_scipy_label_count_sizes_centroid_and_box(Connectivity connectivity, string suffix)
    {
        var (mask, shape) = BenchmarkMask();
        using var labeling = ConnectedComponents.Label(mask, shape, connectivity);

        Assert.Equal(ImagingReference.Get("ixi013_components_" + suffix).GetInt32(), labeling.Count);
        Assert.Equal(labeling.Count, ConnectedComponents.Count(mask, shape, connectivity));
        var sizes = ImagingReference.Get("ixi013_sizes_sorted_" + suffix).EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(sizes, labeling.Sizes.OrderDescending().Take(sizes.Length).ToArray());
        Assert.Equal(mask.Count(b => b != 0), labeling.Sizes.Sum());

        var largest = Array.IndexOf(labeling.Sizes, labeling.Sizes.Max());
        var centroid = ImagingReference.Get("ixi013_largest_centroid_" + suffix).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(centroid[0], labeling.Centroids[largest].X, 1e-9);
        Assert.Equal(centroid[1], labeling.Centroids[largest].Y, 1e-9);
        Assert.Equal(centroid[2], labeling.Centroids[largest].Z, 1e-9);
        var box = ImagingReference.Get("ixi013_largest_box_" + suffix).EnumerateArray().Select(a => a.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray();
        var b = labeling.Boxes[largest];
        Assert.Equal(box, new[] { new[] { b.MinX, b.MaxX }, [b.MinY, b.MaxY], [b.MinZ, b.MaxZ] });
    }

    [Fact]
    public void Every_voxel_of_a_component_carries_its_label_and_labels_follow_scan_order()
    {
        var (mask, shape) = BenchmarkMask();
        using var labeling = ConnectedComponents.Label(mask, shape);
        var seen = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            Assert.Equal(mask[i] != 0, labeling.Labels[i] != 0);
            if (labeling.Labels[i] > seen) { Assert.Equal(seen + 1, labeling.Labels[i]); seen++; }
        }
    }

    [Fact]
    public void Diagonal_neighbours_join_only_with_enough_connectivity()
    {
        var mask = new byte[27];
        mask[0] = 1;                 // (0,0,0)
        mask[1 + 3 * 1] = 1;         // (1,1,0): edge neighbour
        mask[2 + 3 * (2 + 3 * 1)] = 1; // (2,2,1): corner neighbour of (1,1,0)
        Assert.Equal(3, ConnectedComponents.Count(mask, (3, 3, 3), Connectivity.Six));
        Assert.Equal(2, ConnectedComponents.Count(mask, (3, 3, 3), Connectivity.Eighteen));
        Assert.Equal(1, ConnectedComponents.Count(mask, (3, 3, 3), Connectivity.TwentySix));
    }

    [Fact]
    public void Small_components_are_removed()
    {
        var (mask, shape) = BenchmarkMask();
        using var labeling = ConnectedComponents.Label(mask, shape);
        var kept = ConnectedComponents.RemoveSmall(mask, shape, 50);
        Assert.Equal(labeling.Sizes.Where(s => s >= 50).Sum(), kept.Count(b => b != 0));
        Assert.Equal(labeling.Sizes.Count(s => s >= 50), ConnectedComponents.Count(kept, shape));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Dilation_and_border_match_scipy_binary_dilation(int iterations)
    {
        var (mask, shape) = BenchmarkMask();
        var dilated = Morphology.Dilate(mask, shape, iterations);
        var border = Morphology.Border(mask, shape, iterations);
        Assert.Equal(ImagingReference.Get($"ixi013_dilated_{iterations}_count").GetInt32(), dilated.Count(b => b != 0));
        Assert.Equal(ImagingReference.Get($"ixi013_border_{iterations}_count").GetInt32(), border.Count(b => b != 0));
        for (var i = 0; i < mask.Length; i++) Assert.False(mask[i] != 0 && border[i] != 0);
    }

    [Fact]
    public void Dilating_one_voxel_once_gives_the_cross()
    {
        var mask = new byte[27];
        mask[13] = 1;
        var d = Morphology.Dilate(mask, (3, 3, 3));
        int[] cross = [4, 10, 12, 13, 14, 16, 22];
        for (var i = 0; i < 27; i++) Assert.Equal(cross.Contains(i) ? 1 : 0, d[i]);
    }
}
