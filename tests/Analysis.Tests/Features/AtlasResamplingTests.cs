using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Features;

public class AtlasResamplingTests
{
    // Relevance on a 2 mm grid (2×2×2), value x + 10y; an atlas on a 1 mm grid (4×4×4) with label 1 + x/2.
    // Nearest-neighbour onto the 2 mm grid reads the atlas at (2i, 2j, 2k): label 1 where i = 0, label 2 where i = 1.
    private static (string Relevance, string Atlas) Files()
    {
        var dir = TestData.NewTempDirectory();
        var relevance = new float[8];
        for (var z = 0; z < 2; z++) for (var y = 0; y < 2; y++) for (var x = 0; x < 2; x++) relevance[x + 2 * (y + 2 * z)] = x + 10 * y;
        var atlas = new float[64];
        for (var z = 0; z < 4; z++) for (var y = 0; y < 4; y++) for (var x = 0; x < 4; x++) atlas[x + 4 * (y + 4 * z)] = 1 + x / 2;
        var relevancePath = Path.Combine(dir, "relevance.nii.gz");
        var atlasPath = Path.Combine(dir, "atlas.nii.gz");
        using (var v = Volume.FromData(relevance, [2, 2, 2], Affine.Scaling(2, 2, 2))) VolumeFile.Write(v, relevancePath);
        using (var v = Volume.FromData(atlas, [4, 4, 4], Affine.Identity, VoxelType.Int16)) VolumeFile.Write(v, atlasPath);
        return (relevancePath, atlasPath);
    }

    [Fact]
    public void An_atlas_on_another_grid_is_resampled_nearest_neighbour_on_request()
    {
        var (relevance, atlas) = Files();
        var regions = FeatureFiles.Regional(relevance, atlas, resampleLabels: true);
        Assert.Equal([1, 2], regions.Select(r => r.Label));
        Assert.Equal((4L, 20.0, 0.0, 10.0), (regions[0].NVoxels, regions[0].SumRelevance, regions[0].MinRelevance, regions[0].MaxRelevance));
        Assert.Equal((4L, 24.0, 1.0, 11.0), (regions[1].NVoxels, regions[1].SumRelevance, regions[1].MinRelevance, regions[1].MaxRelevance));
    }

    [Fact]
    public void Without_resampling_another_grid_is_bad_input()
    {
        var (relevance, atlas) = Files();
        var ex = Assert.Throws<InvalidInputException>(() => FeatureFiles.Regional(relevance, atlas));
        Assert.Contains("atlas.nii.gz", ex.Message);
    }
}
