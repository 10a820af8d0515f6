using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Cortical;
using RelevanceRelated.Analysis.Features.FreeSurfer;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class CorticalCohortTests
{
    // gm_cortical_surface_plots.R on a bert-derived merged_cs_dktbase.csv (Data/analyses/cortical).
    private static readonly AnalysisReference R = new("cortical");

    private static CorticalResult Run() =>
        CorticalCohort.Run(CorticalAtlas.DesikanKilliany, CorticalTable.Read(R.Read("merged_cs_dktbase.csv")), alpha: 0.05);

    [Fact]
    public void Per_label_correlations_with_volume_and_thickness_equal_the_R_script()
    {
        var result = Run();
        Assert.Equal(68, result.GrayMatterVolume.Count);
        Assert.Equal("lh_bankssts", result.GrayMatterVolume[0].Label);
        Assert.Equal("rh_insula", result.Thickness[^1].Label);
        foreach (var (table, rows) in new[] { ("gmv", result.GrayMatterVolume), ("ct", result.Thickness) })
        foreach (var c in rows)
        {
            R.Close(table, c.Label, "r", c.R);
            R.Close(table, c.Label, "p_value", c.P);
            R.Close(table, c.Label, "p_value_corrected", c.PCorrected);
            Assert.Equal(R.Text(table, c.Label, "significant"), c.Significant);
        }
        Assert.Contains(result.GrayMatterVolume, c => c.Significant == "yes");
    }

    [Fact]
    public void Missing_relevance_drops_only_that_subjects_pair()
    {
        var rows = CorticalTable.Read(R.Read("merged_cs_dktbase.csv"));
        var missing = rows.First(r => double.IsNaN(r.SumRelevance));
        var result = Run().GrayMatterVolume.Single(c => c.Label == missing.Label);
        Assert.Equal(rows.Count(r => r.Label == missing.Label) - 1, result.N);
    }

    [Fact]
    public void Whole_cortex_correlations_equal_R()
    {
        var whole = Run().WholeCortex;
        foreach (var (name, rName) in new[] { (CorticalCohort.TotalGrayMatterVolume, "total_gray_matter_volume_mm3"), (CorticalCohort.VertexWeightedThickness, "vertex_weighted_average_thickness_mm") })
        {
            var c = whole.Single(w => w.Measure == name);
            Assert.Equal(R.Number("wholebrain", rName, "n"), c.N);
            R.Close("wholebrain", rName, "r", c.R);
            R.Close("wholebrain", rName, "p_value", c.P);
        }
    }

    [Fact]
    public void Alpha_sets_the_significance_flags()
    {
        var rows = CorticalTable.Read(R.Read("merged_cs_dktbase.csv"));
        var strict = CorticalCohort.Run(CorticalAtlas.DesikanKilliany, rows, alpha: 1e-12);
        Assert.All(strict.GrayMatterVolume, c => Assert.Equal(c.PCorrected < 1e-12 ? "yes" : "no", c.Significant));
        Assert.Throws<InvalidInputException>(() => CorticalCohort.Run(CorticalAtlas.DesikanKilliany, rows, alpha: 5));
    }

    [Fact]
    public void Written_tables_have_the_original_names_and_columns_and_read_back()
    {
        var layout = new ResultsLayout(TestData.NewTempDirectory());
        var result = Run();
        var paths = CorticalCohort.Write(result, layout);
        Assert.Equal(["merged_cs_dktbase.csv", "correlation_results_cortical_gmv_dktbase.csv", "correlation_results_cortical_ct_dktbase.csv",
            "correlation_results_cortical_wholebrain_dktbase.csv"], paths.Select(Path.GetFileName));
        var merged = Table.Read(paths[0]);
        Assert.Equal(R.Read("merged_cs_dktbase.csv").Columns, merged.Columns);
        Assert.Equal(result.Table, CorticalTable.Read(merged));
        Assert.Equal(["label", "r", "p_value", "p_value_corrected", "significant", "n"], Table.Read(paths[1]).Columns);
        Assert.StartsWith(Path.Combine(layout.Root, "GM"), paths[1]);
    }
}
