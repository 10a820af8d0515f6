using Xunit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class GroupSummaryTests
{
    [Theory]
    [InlineData("A", SummaryTransform.None, "summary_relevance")]
    [InlineData("B", SummaryTransform.None, "summary_relevance")]
    [InlineData("C", SummaryTransform.LogAPlus2, "summary_log_relevance")]
    [InlineData("A", SummaryTransform.LogAPlus2, "summary_log_relevance")]
    public void Matches_summarySE_with_na_rm(string site, SummaryTransform transform, string test)
    {
        var values = RReference.Cohort().Where([new TableFilter("site", site)]).Numeric("relevance");
        var s = GroupSummary.Of(values, transform);
        Assert.Equal((int)RReference.Value(test, site, "N"), s.N);
        RReference.Close(RReference.Value(test, site, "mean"), s.Mean, what: "mean");
        RReference.Close(RReference.Value(test, site, "sd"), s.Sd, what: "sd");
        RReference.Close(RReference.Value(test, site, "se"), s.Se, what: "se");
        RReference.Close(RReference.Value(test, site, "ci"), s.Ci, what: "ci");
    }

    [Theory]
    [InlineData(0.975, 3, "df=3")]
    [InlineData(0.975, 47, "df=47")]
    [InlineData(0.995, 1.5, "df=1.5")]
    public void Student_t_quantile_matches_R_qt(double p, double df, string key) =>
        RReference.Close(RReference.Value("qt", p.ToString(System.Globalization.CultureInfo.InvariantCulture), key), Distributions.StudentTQuantile(p, df), rel: 1e-12);

    [Fact]
    public void Cohens_d_matches_the_pooled_sd_formula_in_R()
    {
        var table = RReference.Cohort();
        var sex = table.Text("sex");
        var volume = table.Numeric("volume");
        var female = volume.Where((_, i) => sex[i] == "f").ToArray();
        var male = volume.Where((_, i) => sex[i] == "m").ToArray();
        RReference.Close(RReference.Value("cohens_d", "volume_f_vs_m", "d"), CohensD.Compute(female, male));
    }
}
