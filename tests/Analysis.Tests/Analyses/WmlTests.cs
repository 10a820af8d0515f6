using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Wml;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Analysis.Tests.Features;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class WmlTests(BertRelevanceFixture bert) : IClassFixture<BertRelevanceFixture>
{
    // bert's aseg: relevance +1 in Left-Hippocampus (4508 voxels), −1 in Right-Hippocampus (4634); lesion probability 0.9
    // in the left, exactly 0.8 in the right, 0.5 in Left-Amygdala.
    private const long Left = 4508, Right = 4634;

    private MaskMetricsRow Row(double threshold = 0.8)
    {
        using var relevance = VolumeFile.Read(bert.RelevancePath);
        using var probability = VolumeFile.Read(bert.WmlProbabilityPath);
        return WmlSubject.Row("bert", relevance.Data, probability.Data, threshold, age: 60, brainAge: 63);
    }

    [Fact]
    public void A_subjects_row_counts_lesion_voxels_strictly_above_the_threshold()
    {
        var row = Row();
        Assert.Equal(("bert", MaskFeature.Wml, Left, 1.0), (row.Subject, row.Metrics.Feature, row.Metrics.NFeatureVoxel, row.Metrics.AFeatureVoxel));
        Assert.Equal(Left * (double)(Left - Right), row.Metrics.AsVoxel);
        Assert.Equal((60.0, 63.0), (row.Metrics.Age, row.Metrics.BrainAge));
    }

    [Fact]
    public void Every_subject_is_in_the_table_and_only_loads_above_min_voxels_are_analysed()
    {
        var big = Row();
        var none = big with { Subject = "none", Metrics = big.Metrics with { NFeatureVoxel = 0 } };
        var thirty = big with { Subject = "thirty", Metrics = big.Metrics with { NFeatureVoxel = 30 } };
        var result = WmlCohort.Run([big, none, thirty], minVoxels: 30);
        Assert.Equal(["bert", "none", "thirty"], result.Table.Select(r => r.Subject));
        Assert.Equal(["bert"], result.Analysed.Select(r => r.Subject));
    }

    [Fact]
    public void WMlesion_csv_has_the_original_columns_and_reads_back()
    {
        var layout = new ResultsLayout(TestData.NewTempDirectory());
        var result = WmlCohort.Run([Row()], 30);
        var path = WmlCohort.Write(result, layout);
        Assert.Equal(Path.Combine(layout.Root, "WML", "WMlesion.csv"), path);
        var table = Table.Read(path);
        Assert.Equal(["sic", "a_voxel", "s_voxel", "n_wml_voxel", "a_wml_voxel", "s_wml_voxel", "as_voxel", "s_pos_voxel", "s_neg_voxel",
            "p_wml_voxel", "p_voxel", "ap_voxel", "age", "brain_age"], table.Columns);
        Assert.Equal(result.Table, MaskMetricsTable.Read(table, MaskFeature.Wml, "sic"));
    }

    [Fact]
    public void Pvs_rows_are_not_a_wml_table() =>
        Assert.Throws<InvalidInputException>(() => WmlCohort.Run([new MaskMetricsRow("x", Row().Metrics with { Feature = MaskFeature.Pvs })], 30));
}
