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

    [Fact]
    public void Aic_and_bic_match_R()
    {
        var fit = FitCohort();
        RReference.Close(RReference.Value("ols_y", "model", "loglik"), fit.LogLikelihood, what: "logLik");
        RReference.Close(RReference.Value("ols_y", "model", "aic"), fit.Aic, what: "AIC");
        RReference.Close(RReference.Value("ols_y", "model", "bic"), fit.Bic, what: "BIC");
    }

    [Fact]
    public void Raw_polynomial_terms_match_R_poly_raw()
    {
        // lm(brain_age ~ x2 + poly(age, 3, raw = TRUE)): the original's PolynomialFeatures design, not R's orthogonal poly().
        var table = RReference.Cohort();
        var fit = OrdinaryLeastSquares.Fit(table.Numeric("brain_age"), [("x2", table.Numeric("x2")), .. PolynomialTerms.Raw("age", table.Numeric("age"), 3)]);
        Assert.Equal(["(Intercept)", "x2", "age", "age^2", "age^3"], fit.Coefficients.Select(c => c.Term));
        for (var j = 0; j < fit.Coefficients.Count; j++)
        {
            var c = fit.Coefficients[j];
            var key = (j + 1).ToString();
            RReference.Close(RReference.Value("ols_poly", key, "estimate"), c.Estimate, 1e-9, $"{c.Term} estimate");
            RReference.Close(RReference.Value("ols_poly", key, "std_error"), c.StandardError, 1e-9, $"{c.Term} se");
            RReference.Close(RReference.Value("ols_poly", key, "t"), c.T, 1e-9, $"{c.Term} t");
            RReference.Close(RReference.Value("ols_poly", key, "p"), c.P, 1e-9, $"{c.Term} p");
        }
        Assert.Equal(RReference.Value("ols_poly", "model", "n"), fit.N);
        RReference.Close(RReference.Value("ols_poly", "model", "r_squared"), fit.RSquared, what: "R²");
        RReference.Close(RReference.Value("ols_poly", "model", "aic"), fit.Aic, what: "AIC");
        RReference.Close(RReference.Value("ols_poly", "model", "bic"), fit.Bic, what: "BIC");
    }

    [Fact]
    public void Residualising_removes_the_polynomial_fitted_on_complete_rows_as_correct_data_for()
    {
        var table = RReference.Cohort();
        var result = PolynomialResidualisation.Residualise("volume", table.Numeric("volume"), "age", table.Numeric("age"), 2);
        Assert.Equal("poly-2-corrected_volume", result.Column);
        var subjects = table.Text("subject");
        for (var i = 0; i < subjects.Length; i++)
            RReference.Close(RReference.Value("residualise_volume_age_deg2", subjects[i], "poly-2-corrected_volume"), result.Corrected[i], 1e-9, subjects[i]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void A_degree_outside_one_to_ten_is_bad_input(int degree) =>
        Assert.Throws<InvalidInputException>(() => PolynomialTerms.Raw("age", [1, 2, 3], degree));
}
