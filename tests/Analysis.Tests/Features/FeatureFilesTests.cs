using RelevanceRelated.Analysis.Analyses.Cortical;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Analysis.Tests.Features;

public class FeatureFilesTests(BertRelevanceFixture bert) : IClassFixture<BertRelevanceFixture>
{
    // aseg.stats: Left-Hippocampus 4508 voxels, Right-Hippocampus 4634 (equal to the label counts in aseg.mgz).
    private const long Left = 4508, Right = 4634;

    [Fact]
    public void Regional_relevance_on_berts_aseg_has_the_closed_form_answers()
    {
        var regions = FeatureFiles.Regional(bert.RelevancePath, bert.AsegPath);
        Assert.Equal(new RegionRelevance(17, "Left-Hippocampus", Left, Left, 1, 1, 1), regions.Single(r => r.Label == 17));
        Assert.Equal(new RegionRelevance(53, "Right-Hippocampus", Right, -Right, -1, -1, -1), regions.Single(r => r.Label == 53));
        var ventricle = regions.Single(r => r.Label == 4);
        Assert.Equal(("Left-Lateral-Ventricle", 6943L, 0.0, 0.0), (ventricle.Name, ventricle.NVoxels, ventricle.SumRelevance, ventricle.MaxRelevance));
    }

    [Fact]
    public void Regional_voxel_counts_equal_aseg_stats_for_every_structure()
    {
        var regions = FeatureFiles.Regional(bert.RelevancePath, bert.AsegPath).ToDictionary(r => r.Label);
        foreach (var row in SegmentationStats.Read(TestData.File("freesurfer", "bert", "stats", "aseg.stats")).Rows)
            Assert.Equal(row.NVoxels, regions.TryGetValue(row.SegId, out var r) ? r.NVoxels : 0);
    }

    [Fact]
    public void Pvs_mask_metrics_on_bert_have_the_closed_form_answers()
    {
        var m = FeatureFiles.MaskMetrics(bert.RelevancePath, bert.PvsMaskPath, MaskFeature.Pvs, age: 40, brainAge: 45);
        Assert.Equal(Left - Right, m.SVoxel);
        Assert.Equal((double)(Left - Right) / (Left + Right), m.AVoxel, 15);
        Assert.Equal(Left, m.NFeatureVoxel);
        Assert.Equal(1, m.AFeatureVoxel);
        Assert.Equal(Left, m.SFeatureVoxel);
        Assert.Equal((double)(Left - Right) * Left, m.AsVoxel);
        Assert.Equal(Left, m.SPosVoxel);
        Assert.Equal(-Right, m.SNegVoxel);
        Assert.Equal(1, m.PFeatureVoxel);
        Assert.Equal(1, m.PVoxel);
        Assert.Equal(1, m.ApVoxel);
    }

    [Fact]
    public void Lesion_probability_is_thresholded_strictly_before_the_metrics()
    {
        // 0.9 (left hippocampus) is above 0.8; exactly 0.8 (right) is not, as the original's img > 0.8; 0.5 (amygdala) is not.
        var m = FeatureFiles.MaskMetrics(bert.RelevancePath, bert.WmlProbabilityPath, MaskFeature.Wml, wmlThreshold: 0.8);
        Assert.Equal(Left, m.NFeatureVoxel);
        Assert.Equal(Left, m.SFeatureVoxel);
        var lower = FeatureFiles.MaskMetrics(bert.RelevancePath, bert.WmlProbabilityPath, MaskFeature.Wml, wmlThreshold: 0.75);
        Assert.Equal(Left + Right, lower.NFeatureVoxel);
        Assert.Equal(Left - Right, lower.SFeatureVoxel);
    }

    [Fact]
    public void Cortical_labels_of_aparc_aseg_join_berts_aparc_stats()
    {
        var regions = FeatureFiles.Regional(bert.RelevancePath, bert.AparcAsegPath);
        var rows = CorticalSubject.Rows("bert", CorticalAtlas.DesikanKilliany, regions,
            ParcellationStats.Read(TestData.File("freesurfer", "bert", "stats", "lh.aparc.stats")),
            ParcellationStats.Read(TestData.File("freesurfer", "bert", "stats", "rh.aparc.stats")));
        Assert.Equal(68, rows.Count);
        // Cortex carries no relevance in this map, and every Desikan-Killiany region has voxels in aparc+aseg.
        Assert.All(rows, r => Assert.True(r.SumRelevance == 0 && r.MaxRelevance == 0, $"{r.Hemisphere} {r.StructureName}"));
    }

    [Fact]
    public void A_mask_on_another_grid_is_rejected_naming_both_files()
    {
        var path = Path.Combine(TestData.NewTempDirectory(), "small.nii.gz");
        using (var small = new Volume([4, 4, 4], Affine.Identity)) VolumeFile.Write(small, path);
        var ex = Assert.Throws<InvalidInputException>(() => FeatureFiles.MaskMetrics(bert.RelevancePath, path, MaskFeature.Pvs));
        Assert.Contains("small.nii.gz", ex.Message);
        Assert.Contains("relevance.nii.gz", ex.Message);
    }
}
