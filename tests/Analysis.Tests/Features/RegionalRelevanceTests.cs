using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Features;

public class RegionalRelevanceTests
{
    [Fact]
    public void Each_label_gets_sum_mean_min_max_and_count_with_its_name()
    {
        float[] relevance = [5, 1, 2, 3, -4, 0.5f, 7];
        int[] labels = [0, 17, 17, 53, 53, 53, 0];
        var regions = RegionalRelevance.Compute(relevance, labels);
        Assert.Equal(2, regions.Count); // background left out
        Assert.Equal(new RegionRelevance(17, "Left-Hippocampus", 2, 3, 1.5, 1, 2), regions[0]);
        Assert.Equal(new RegionRelevance(53, "Right-Hippocampus", 3, -0.5, -0.5 / 3, -4, 3), regions[1]);
    }

    [Fact]
    public void Background_is_included_on_request()
    {
        var regions = RegionalRelevance.Compute(new float[] { 5, 1, 7 }, [0, 17, 0], includeBackground: true);
        Assert.Equal(new RegionRelevance(0, "Unknown", 2, 12, 6, 5, 7), regions[0]);
    }

    [Fact]
    public void Volumes_larger_than_one_slab_are_summed_exactly()
    {
        // 300,000 voxels cycling through labels 1..3 with relevance i % 7: sums have closed forms, checked by counting.
        const int n = 300_000;
        var relevance = new float[n];
        var labels = new int[n];
        for (var i = 0; i < n; i++) { relevance[i] = i % 7; labels[i] = 1 + i % 3; }
        var regions = RegionalRelevance.Compute(relevance, labels);
        for (var label = 1; label <= 3; label++)
        {
            long count = 0; double sum = 0;
            for (var i = label - 1; i < n; i += 3) { count++; sum += i % 7; }
            var r = regions.Single(x => x.Label == label);
            Assert.Equal(count, r.NVoxels);
            Assert.Equal(sum, r.SumRelevance);
            Assert.Equal(0, r.MinRelevance);
            Assert.Equal(6, r.MaxRelevance);
        }
    }

    [Fact]
    public void Fractional_label_values_are_rejected()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RegionalRelevance.ToLabels([1, 2.5f], "atlas.nii.gz"));
        Assert.Contains("atlas.nii.gz", ex.Message);
    }
}
