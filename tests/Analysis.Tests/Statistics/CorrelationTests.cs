using Xunit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class CorrelationTests
{
    private static (double[] X, double[] Y) Columns(string group, string x, string y)
    {
        var table = RReference.Cohort();
        if (group != "all") table = table.Where([new TableFilter("site", group)]);
        return (table.Numeric(x), table.Numeric(y));
    }

    [Theory]
    [InlineData("all")]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    public void Pearson_matches_R_cor_test_with_pairwise_dropping(string group)
    {
        var (x, y) = Columns(group, "relevance", "volume");
        var result = PearsonCorrelation.Test(x, y);
        const string test = "pearson_relevance_volume";
        Assert.Equal((int)RReference.Value(test, group, "n"), result.N);
        Assert.Equal((int)RReference.Value(test, group, "df"), result.Df);
        RReference.Close(RReference.Value(test, group, "r"), result.R, what: "r");
        RReference.Close(RReference.Value(test, group, "t"), result.T, what: "t");
        RReference.Close(RReference.Value(test, group, "p"), result.P, what: "p");
        RReference.Close(RReference.Value(test, group, "ci_low"), result.CiLow, what: "ci_low");
        RReference.Close(RReference.Value(test, group, "ci_high"), result.CiHigh, what: "ci_high");
    }

    [Theory]
    [InlineData("spearman_relevance_volume", "relevance", "volume", "all")]
    [InlineData("spearman_relevance_volume", "relevance", "volume", "B")]
    [InlineData("spearman_score_age", "score", "age", "all")]
    [InlineData("spearman_score_age", "score", "age", "A")]
    [InlineData("spearman_score_age", "score", "age", "C")]
    public void Spearman_matches_R_cor_test_exact_false_with_ties(string test, string xName, string yName, string group)
    {
        var (x, y) = Columns(group, xName, yName);
        var result = SpearmanCorrelation.Test(x, y);
        Assert.Equal((int)RReference.Value(test, group, "n"), result.N);
        RReference.Close(RReference.Value(test, group, "r"), result.R, what: "rho");
        RReference.Close(RReference.Value(test, group, "t"), result.T, what: "t");
        RReference.Close(RReference.Value(test, group, "p"), result.P, what: "p");
        Assert.True(double.IsNaN(result.CiLow) && double.IsNaN(result.CiHigh));
    }

    [Fact]
    public void Pearson_of_three_pairs_has_no_confidence_interval()
    {
        var result = PearsonCorrelation.Test([1, 2, 3.5], [2, 1, 4]);
        Assert.Equal(3, result.N);
        Assert.True(double.IsNaN(result.CiLow));
    }

    [Fact]
    public void Too_few_complete_pairs_is_bad_input()
    {
        var ex = Assert.Throws<InvalidInputException>(() => PearsonCorrelation.Test([1, double.NaN, 3, 4], [1, 2, double.NaN, 5]));
        Assert.Contains("2", ex.Message);
    }

    [Fact]
    public void Average_ranks_share_ties()
    {
        Assert.Equal([3, 1.5, 4, 1.5, 5], Ranks.Average([2, 1, 7, 1, 9]));
    }
}
