using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;

namespace RelevanceRelated.Analysis.Tests.Models;

public class FrangiTubeDetectionTests
{
    [Theory]
    [InlineData(Connectivity.Six)]
    [InlineData(Connectivity.TwentySix)]
    public void Finds_synthetic_tubes_in_a_real_brain_with_dice_at_least_0_7_after_post_processing(Connectivity connectivity)
    {
        // A 48³ block of white matter and its surroundings from a real IXI T1; the analysed region is the white
        // matter (intensity >= 85 of this uint8 image, where white matter sits near 105), as PVS are counted there.
        using var brain = ModelTestVolumes.Ixi();
        using var block = ModelTestVolumes.Block(brain, (80, 112, 92), (48, 48, 48));
        var whiteMatter = new byte[block.SpatialCount];
        for (var i = 0; i < whiteMatter.Length; i++) whiteMatter[i] = block.Data[i] >= 85 ? (byte)1 : (byte)0;
        SyntheticTubes.Tube[] tubes =
        [
            new((6, 8, 10), (40, 14, 12), 0.5),
            new((8, 30, 6), (12, 36, 40), 0.75),
            new((24, 6, 24), (30, 42, 30), 1.0),
            new((36, 24, 6), (40, 40, 40), 1.25),
            new((6, 40, 36), (42, 38, 28), 1.5),
        ];
        var truth = SyntheticTubes.Insert(block, tubes, intensity: 20); // CSF-dark, as PVS on T1
        for (var i = 0; i < truth.Length; i++) truth[i] &= whiteMatter[i];

        using var vesselness = FrangiFilter.Apply(block, new FrangiOptions(), whiteMatter, cancellationToken: TestContext.Current.CancellationToken);
        var masks = PvsPostProcessing.Apply(vesselness, new PvsPostProcessingOptions
        {
            Threshold = PvsPostProcessingOptions.DefaultFrangiThreshold,
            ClusterSize = 5,
            Connectivity = connectivity,
        });

        var dice = ModelTestVolumes.Dice(masks.Clusters, truth);
        Assert.True(dice >= 0.7, $"Dice {dice:F3} against the inserted tubes");
    }
}
