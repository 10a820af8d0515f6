using RelevanceRelated.Analysis.Features;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Reports;

namespace RelevanceRelated.Analysis.Tests.Reports;

/// <summary>Cohort statistics against R 4 (Data/reports/reference.R: cor.test, t.test(paired = TRUE), p.adjust).</summary>
public sealed class CohortStatisticsTests
{
    private const string Model = "m";

    internal static IReadOnlyList<SubjectFeatureRow> Cohort()
    {
        double[] age = [45, 52, 61, 68, 74, 80];
        double[] predicted = [49.5, 50.0, 66.2, 63.1, 79.9, 77.0];
        double[] observed = [0.031, 0.024, 0.040, 0.019, 0.036, 0.028];
        double[] expected = [0.025, 0.022, 0.030, 0.020, 0.027, 0.026];
        double[] hippocampus = [1.2, 1.5, 1.1, 2.0, 2.4, 2.2];
        double[] amygdala = [0.9, 0.4, 0.8, 0.3, 0.7, 0.2];
        double[] putamen = [3.0, 2.8, 3.5, 3.1, 2.9, 3.3];
        // aparc+aseg labels of the three regions (FreeSurfer's colour table names them).
        int[] labels = [17, 18, 12];
        return [.. Enumerable.Range(0, age.Length).Select(i => new SubjectFeatureRow($"sub-{i + 1:D2}", age[i], i % 2 == 0 ? "F" : "M",
        [
            new ModelFeatures(Model, new BrainAgePrediction(Model, [predicted[i]], predicted[i], age[i]),
                Pvs: Metrics(observed[i], expected[i]),
                Regions: new RegionSums(RegionSums.AparcAseg, [.. labels], [hippocampus[i], amygdala[i], putamen[i]])),
        ]))];
    }

    /// <summary>PVS metrics with the two shares the statistics read (the rest is not used by them).</summary>
    private static MaskMetrics Metrics(double observed, double expected) =>
        new(MaskFeature.Pvs, 0, 0, 10, 0, 0, 0, 1, 0, observed, expected, 0, double.NaN, double.NaN);

    [Fact]
    public void Accuracy_matches_R_mean_absolute_error_and_cor_test()
    {
        var s = CohortStatistics.Summarise(Cohort(), Model);

        Assert.Equal(6, s.N);
        Assert.Equal(4.25, s.Mae, 1e-12);
        Assert.Equal(0.934163893725498, s.Correlation!.R, 1e-12);
        Assert.Equal(0.00635890955863076, s.Correlation.P, 1e-10);
        Assert.Equal(0.506897282674574, s.Correlation.CiLow, 1e-10);
        Assert.Equal(0.992943603193939, s.Correlation.CiHigh, 1e-10);
    }

    [Fact]
    public void Brain_age_gap_mean_and_sd_match_R()
    {
        var s = CohortStatistics.Summarise(Cohort(), Model);

        Assert.Equal(0.950000000000002, s.DbaMean, 1e-12);
        Assert.Equal(4.7685427543433, s.DbaSd, 1e-12);
    }

    [Fact]
    public void Relevance_in_PVS_against_its_expected_share_matches_R_paired_t_test()
    {
        var s = CohortStatistics.Summarise(Cohort(), Model);

        Assert.Equal(0.0296666666666667, s.PvsShare, 1e-14);
        Assert.Equal(0.025, s.PvsExpectedShare, 1e-14);
        Assert.Equal(0.0296666666666667 / 0.025, s.PvsRatio, 1e-12);
        Assert.Equal((6, 5), (s.PvsTest.N, s.PvsTest.Df));
        Assert.Equal(2.61785157202368, s.PvsTest.T, 1e-10);
        Assert.Equal(0.0472200200544381, s.PvsTest.P, 1e-10);
    }

    [Fact]
    public void Regional_correlations_with_age_match_R_with_Bonferroni_and_BH_over_regions_smallest_p_first()
    {
        var regions = CohortStatistics.Summarise(Cohort(), Model).Regions;

        Assert.Equal(["Left-Hippocampus", "Left-Amygdala", "Left-Putamen"], regions.Select(r => r.Region));
        double[] r = [0.832512416169827, -0.558852785224817, 0.317366382346538];
        double[] p = [0.0397289476564189, 0.248990277103065, 0.539933222927445];
        double[] bonferroni = [0.119186842969257, 0.746970831309195, 1];
        double[] bh = [0.119186842969257, 0.373485415654597, 0.539933222927445];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(r[i], regions[i].R, 1e-12);
            Assert.Equal(p[i], regions[i].P, 1e-10);
            Assert.Equal(bonferroni[i], regions[i].PBonferroni, 1e-10);
            Assert.Equal(bh[i], regions[i].PBenjaminiHochberg, 1e-10);
        }
    }

    [Fact]
    public void Models_are_the_brainage_predictions_recorded()
    {
        Assert.Equal([Model], CohortStatistics.Models(Cohort()));
    }

    [Fact]
    public void A_region_without_variation_is_left_out_rather_than_given_a_meaningless_p()
    {
        var subjects = Cohort().Select(s => s with
        {
            Models = [s.Models[0] with { Regions = new RegionSums(RegionSums.AparcAseg, [10], [1.0]) }],
        }).ToList();

        Assert.Empty(CohortStatistics.Summarise(subjects, Model).Regions);
    }

    [Fact]
    public void The_console_summary_names_n_mae_r_dba_the_pvs_test_and_the_top_regions()
    {
        var output = new StringWriter();

        CohortStatistics.Print(CohortStatistics.Summarise(Cohort()), output, topRegions: 1);

        var text = output.ToString();
        Assert.Contains("model m: n = 6, MAE = 4.25 y, r = 0.9342 (p = 0.006359)", text);
        Assert.Contains("DBA = 0.95 ± 4.769 y", text);
        Assert.Contains("paired t(5) = 2.618, p = 0.04722", text);
        Assert.Contains("Left-Hippocampus: r = 0.8325", text);
        Assert.DoesNotContain("Left-Amygdala", text);
    }
}
