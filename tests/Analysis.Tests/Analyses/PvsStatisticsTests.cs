using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Pvs;
using RelevanceRelated.Analysis.Analyses.Wml;
using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class PvsStatisticsTests
{
    // pvs_stats.R and the original's PVS age/DBA checks on synthetic tables (Data/analyses/pvs).
    private static readonly AnalysisReference R = new("pvs");

    private static IReadOnlyList<MaskMetricsRow> Pvs(string file) => MaskMetricsTable.Read(R.Read(file), MaskFeature.Pvs, PvsCohort.SubjectColumn);
    private static IReadOnlyList<MaskMetricsRow> Wml() => MaskMetricsTable.Read(R.Read(WmlCohort.FileName), MaskFeature.Wml, WmlCohort.SubjectColumn);

    private static RelevanceInMaskResult Summary() =>
        RelevanceInMaskSummary.Run(Pvs("T1-FLAIR.PVS_t1-subens.csv"), Pvs("T1-FLAIR.PVS_flair-subens.csv"), Wml(), minWmlVoxels: 30);

    [Fact]
    public void SummarySE_of_log_a_plus_2_per_panel_and_group_equals_the_script()
    {
        var summary = Summary().Summary;
        Assert.Equal(["T1/Expected", "T1/PVS", "FLAIR/Expected", "FLAIR/PVS", "WML/Expected", "WML/WMH"], summary.Select(g => $"{g.Panel}/{g.Var}"));
        foreach (var g in summary)
        {
            var group = $"{g.Panel}/{g.Var}";
            Assert.Equal(R.Number("summarySE", group, "N"), g.N);
            R.Close("summarySE", group, "a_transformed", g.Mean);
            R.Close("summarySE", group, "sd", g.Sd);
            R.Close("summarySE", group, "se", g.Se);
            R.Close("summarySE", group, "ci", g.Ci);
        }
    }

    [Fact]
    public void Long_format_holds_both_values_per_subject_and_drops_the_lesion_outlier()
    {
        var values = Summary().Values;
        foreach (var panel in new[] { "T1", "FLAIR", "WML" })
        {
            var rows = values.Where(v => v.Panel == panel).ToList();
            Assert.Equal(R.Number("long", panel, "rows"), rows.Count);
            R.Close("long", panel, "sum_a_transformed", rows.Sum(v => v.ATransformed));
        }
        var wml = values.Where(v => v.Panel == "WML").ToList();
        Assert.Equal(wml.Count(v => v.Var == "Expected") - 1, wml.Count(v => v.Var == "WMH")); // the 0.02 outlier is gone
    }

    [Theory]
    [InlineData("T1-FLAIR.PVS_t1-subens.csv")]
    [InlineData("T1-FLAIR.PVS_flair-subens.csv")]
    public void Age_and_brain_age_gap_relationships_equal_R(string file)
    {
        var configuration = new PvsConfiguration(PvsModelInput.T1Flair, file.Contains("_t1") ? RelevanceSequence.T1 : RelevanceSequence.Flair);
        Assert.Equal(file, configuration.FileName);
        var stem = configuration.Stem;
        var rows = Pvs(file);
        var result = PvsAgeRelationships.Run(new PvsTable(configuration, rows));
        R.Close(stem, "cor.test(age, n_pvs_voxel)", "r", result.AgeWithPvs.R);
        R.Close(stem, "cor.test(age, n_pvs_voxel)", "p", result.AgeWithPvs.P);
        R.Close(stem, "cor.test(age, n_pvs_voxel)", "t", result.AgeWithPvs.T);
        for (var i = 0; i < rows.Count; i++)
            R.Close(stem, rows[i].Subject, "poly-3-corrected_dba", result.CorrectedDba[i], 1e-8);
        var summary = result.Summary(3).ToList();
        foreach (var (model, fit) in new[]
                 {
                     ("lm(dba ~ poly(age, 3, raw = TRUE))", result.DbaOnAge), ("lm(n_pvs_voxel ~ dba)", result.PvsOnDba),
                     ("lm(n_pvs_voxel ~ poly-3-corrected_dba)", result.PvsOnCorrectedDba),
                 })
        {
            Assert.Equal(R.Number(stem, model, "n"), fit.N);
            R.Close(stem, model, "r_squared", fit.RSquared);
            R.Close(stem, model, "aic", fit.Aic);
            R.Close(stem, model, "bic", fit.Bic);
            var terms = summary.Where(s => s.Model == model).ToList();
            Assert.Equal(fit.Coefficients.Count, terms.Count);
            for (var j = 0; j < terms.Count; j++)
            {
                var group = $"{model}#{j + 1}";
                R.Close(stem, group, "estimate", terms[j].Estimate);
                R.Close(stem, group, "std_error", terms[j].StdError);
                R.Close(stem, group, "t", terms[j].Statistic);
                R.Close(stem, group, "p", terms[j].P);
            }
        }
    }

    [Fact]
    public void Summaries_are_written_beside_the_pvs_tables()
    {
        var layout = new ResultsLayout(TestData.NewTempDirectory());
        var (values, summary) = RelevanceInMaskSummary.Write(Summary(), layout);
        Assert.Equal(["panel", "subject", "var", "a", "a_transformed"], Table.Read(values).Columns);
        Assert.Equal(["panel", "var", "N", "a_transformed", "sd", "se", "ci"], Table.Read(summary).Columns);
        Assert.Equal(Path.Combine(layout.Root, "PVS"), Path.GetDirectoryName(summary));
    }
}
