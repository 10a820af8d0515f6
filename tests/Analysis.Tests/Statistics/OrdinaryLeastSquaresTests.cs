using Xunit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class OrdinaryLeastSquaresTests
{
    private static OlsResult FitCohort()
    {
        var table = RReference.Cohort();
        string[] names = ["relevance", "x2", "x3", "age"];
        return OrdinaryLeastSquares.Fit(table.Numeric("y"), names.Select(n => (n, table.Numeric(n))).ToList());
    }

    [Fact]
    public void Coefficients_match_R_summary_lm_with_listwise_dropping()
    {
        var fit = FitCohort();
        Assert.Equal(["(Intercept)", "relevance", "x2", "x3", "age"], fit.Coefficients.Select(c => c.Term));
        foreach (var c in fit.Coefficients)
        {
            RReference.Close(RReference.Value("ols_y", c.Term, "estimate"), c.Estimate, what: $"{c.Term} estimate");
            RReference.Close(RReference.Value("ols_y", c.Term, "std_error"), c.StandardError, what: $"{c.Term} se");
            RReference.Close(RReference.Value("ols_y", c.Term, "t"), c.T, what: $"{c.Term} t");
            RReference.Close(RReference.Value("ols_y", c.Term, "p"), c.P, what: $"{c.Term} p");
        }
    }

    [Fact]
    public void Model_statistics_match_R_summary_lm()
    {
        var fit = FitCohort();
        Assert.Equal((int)RReference.Value("ols_y", "model", "n"), fit.N);
        Assert.Equal((int)RReference.Value("ols_y", "model", "f_df1"), fit.FNumeratorDf);
        Assert.Equal((int)RReference.Value("ols_y", "model", "f_df2"), fit.FDenominatorDf);
        RReference.Close(RReference.Value("ols_y", "model", "r_squared"), fit.RSquared, what: "R²");
        RReference.Close(RReference.Value("ols_y", "model", "adj_r_squared"), fit.AdjustedRSquared, what: "adjusted R²");
        RReference.Close(RReference.Value("ols_y", "model", "f"), fit.F, what: "F");
        RReference.Close(RReference.Value("ols_y", "model", "f_p"), fit.FP, what: "F p");
        RReference.Close(RReference.Value("ols_y", "model", "sigma"), fit.ResidualStandardError, what: "sigma");
    }

    [Fact]
    public void A_constant_predictor_is_reported_by_name()
    {
        double[] y = [1, 2, 3, 4, 5, 7];
        var ex = Assert.Throws<InvalidInputException>(() =>
            OrdinaryLeastSquares.Fit(y, [("x", [1, 2, 3, 4, 5, 6]), ("site", [2, 2, 2, 2, 2, 2])]));
        Assert.Contains("site", ex.Message);
    }
}
