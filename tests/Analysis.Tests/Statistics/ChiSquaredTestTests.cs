using Xunit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class ChiSquaredTestTests
{
    private static void Matches(string group, ChiSquaredResult result)
    {
        RReference.Close(RReference.Value("chisq", group, "statistic"), result.Statistic, what: "statistic");
        Assert.Equal((int)RReference.Value("chisq", group, "df"), result.Df);
        RReference.Close(RReference.Value("chisq", group, "p"), result.P, what: "p");
    }

    private static readonly double[,] TwoByTwo = { { 12, 7 }, { 5, 15 } };

    [Fact]
    public void Two_by_two_applies_Yates_by_default_as_R() => Matches("2x2_correct=TRUE", ChiSquaredTest.Test(TwoByTwo));

    [Fact]
    public void Two_by_two_without_correction_matches_R_correct_false() =>
        Matches("2x2_correct=FALSE", ChiSquaredTest.Test(TwoByTwo, correct: false));

    [Fact]
    public void Larger_tables_are_never_corrected()
    {
        var result = ChiSquaredTest.Test(new double[,] { { 20, 30, 10 }, { 15, 25, 40 } });
        Assert.False(result.YatesCorrected);
        Matches("2x3", result);
    }

    [Fact]
    public void Categorical_columns_are_cross_tabulated_as_R_table()
    {
        var table = RReference.Cohort();
        Matches("site_x_sex", ChiSquaredTest.Test(table.Text("site"), table.Text("sex")));
    }
}
