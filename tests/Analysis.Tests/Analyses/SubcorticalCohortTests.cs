using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Subcortical;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class SubcorticalCohortTests
{
    // The original's per-ROI pearsonr as cor.test, on a bert-derived merged_subcort_aseg.csv (Data/analyses/subcortical).
    private static readonly AnalysisReference R = new("subcortical");

    private static readonly string[] Rois =
    [
        "Left-Lateral-Ventricle", "Left-Inf-Lat-Vent", "Left-Cerebellum-White-Matter", "Left-Cerebellum-Cortex", "Left-Thalamus", "Left-Caudate",
        "Left-Putamen", "Left-Pallidum", "Left-Hippocampus", "Left-Amygdala", "Left-Accumbens-area", "Right-Lateral-Ventricle",
        "Right-Inf-Lat-Vent", "Right-Cerebellum-White-Matter", "Right-Cerebellum-Cortex", "Right-Thalamus", "Right-Caudate", "Right-Putamen",
        "Right-Pallidum", "Right-Hippocampus", "Right-Amygdala", "Right-Accumbens-area", "3rd-Ventricle", "CSF", "Brain-Stem",
    ];

    private static SubcorticalResult Run() =>
        SubcorticalCohort.Run(SubcorticalTable.Read(R.Read(SubcorticalTable.FileName)), Rois, alpha: 0.05);

    [Fact]
    public void Roi_correlations_sorted_by_absolute_r_equal_R()
    {
        var result = Run();
        Assert.Equal(25, result.Correlations.Count);
        for (var i = 0; i < result.Correlations.Count; i++)
        {
            var c = result.Correlations[i];
            Assert.Equal(i + 1, R.Number(c.LabelName, "rank", ""));
            R.Close(c.LabelName, "r", "", c.R);
            R.Close(c.LabelName, "p", "", c.P);
            R.Close(c.LabelName, "p_bonf", "", c.PBonferroni);
            Assert.Equal(R.Number(c.LabelName, "n", ""), c.N);
            Assert.Equal(R.Text(c.LabelName, "significant", ""), c.Significant);
        }
    }

    [Fact]
    public void Thalamus_rows_under_either_freesurfer_name_form_one_roi()
    {
        var thalamus = Run().Correlations.Single(c => c.LabelName == "Left-Thalamus");
        Assert.Equal(30, thalamus.N); // 15 subjects spell it Left-Thalamus-Proper
    }

    [Fact]
    public void A_subject_without_an_roi_is_left_out_of_that_roi_only()
    {
        var amygdala = Run().Correlations.Single(c => c.LabelName == "Left-Amygdala");
        Assert.Equal(29, amygdala.N);
    }

    [Fact]
    public void Written_tables_keep_the_original_columns()
    {
        var layout = new ResultsLayout(TestData.NewTempDirectory());
        var paths = SubcorticalCohort.Write(Run(), layout);
        Assert.Equal(R.Read(SubcorticalTable.FileName).Columns, Table.Read(paths[0]).Columns);
        Assert.Equal(["label_name", "r", "p", "p_bonf", "significant", "n"], Table.Read(paths[1]).Columns);
        Assert.Equal("corr_subcort_vol-relevance.csv", Path.GetFileName(paths[1]));
    }
}
