using RelevanceRelated.Analysis.Analyses.Subcortical;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class SubcorticalSubjectTests(BertLabelRelevanceFixture bert) : IClassFixture<BertLabelRelevanceFixture>
{
    private static SegmentationStats Aseg() => SegmentationStats.Read(TestData.File("freesurfer", "bert", "stats", "aseg.stats"));

    [Fact]
    public void Every_aseg_stats_structure_joins_its_label_in_aseg_mgz()
    {
        var result = SubcorticalSubject.Rows("bert", bert.Aseg, Aseg(), ["Left-Hippocampus"], 40, 41);
        Assert.Equal(45, result.Rows.Count);
        Assert.Empty(result.Warnings);
        // aseg.stats' NVoxels are the label counts of aseg.mgz, and the relevance map is the label code; a structure
        // without voxels has no relevance (the original's masked sum of nothing).
        Assert.All(result.Rows, r => Assert.Equal(r.Voxels == 0 ? double.NaN : (double)r.LabelId! * r.Voxels!.Value, r.SumRelevance));
        Assert.Contains(result.Rows, r => r.Voxels == 0);
        var first = result.Rows[0];
        Assert.Equal((1, 4, 6943, 7316.9, "Left-Lateral-Ventricle", 36.0349, 12.2361, 14.0, 89.0, 75.0, "aseg.stats"),
            (first.Index, first.LabelId, first.Voxels, first.Volume, first.LabelName, first.Mean, first.Std, first.Min, first.Max, first.Range, first.SourceBasename));
    }

    [Fact]
    public void A_freesurfer_6_roi_name_finds_freesurfer_7s_structure_and_keeps_the_configured_name()
    {
        var result = SubcorticalSubject.Rows("bert", bert.AparcAseg, Aseg(), ["Left-Thalamus-Proper", "Right-Thalamus"]);
        Assert.Empty(result.Warnings);
        var thalamus = result.Rows.Single(r => r.LabelId == 10);
        Assert.Equal("Left-Thalamus-Proper", thalamus.LabelName);
        Assert.Equal(10, thalamus.MeanRelevance);
        Assert.Equal("Right-Thalamus", result.Rows.Single(r => r.LabelId == 49).LabelName);
    }

    [Fact]
    public void A_missing_roi_is_a_row_of_NA_with_a_warning()
    {
        var result = SubcorticalSubject.Rows("bert", bert.AparcAseg, Aseg(), ["Left-Hippocampus", "Left-Claustrum"], 40, 41);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("Left-Claustrum", warning);
        Assert.Contains("aseg.stats", warning);
        var missing = result.Rows[^1];
        Assert.Equal(("Left-Claustrum", (int?)null, 40.0), (missing.LabelName, missing.LabelId, missing.Age));
        Assert.True(double.IsNaN(missing.Volume) && double.IsNaN(missing.SumRelevance));
    }
}
