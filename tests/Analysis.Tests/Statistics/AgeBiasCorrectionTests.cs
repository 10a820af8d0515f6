using Xunit;
using RelevanceRelated.Analysis.Statistics;

namespace RelevanceRelated.Analysis.Tests.Statistics;

public class AgeBiasCorrectionTests
{
    [Theory]
    [InlineData(AgeBiasMethod.Poly3, "agebias_deg3")]
    [InlineData(AgeBiasMethod.Linear, "agebias_deg1")]
    public void Corrected_dba_matches_R_residuals_of_poly_age(AgeBiasMethod method, string test)
    {
        var table = RReference.Cohort();
        var subjects = table.Text("subject");
        var result = AgeBiasCorrection.Correct(table.Numeric("age"), table.Numeric("brain_age"), method);
        for (var i = 0; i < subjects.Length; i++)
        {
            RReference.Close(RReference.Value("agebias_dba", subjects[i], "dba"), result.Dba[i], what: $"{subjects[i]} dba");
            RReference.Close(RReference.Value(test, subjects[i], "dba_corrected"), result.DbaCorrected[i], rel: 1e-10, what: $"{subjects[i]} corrected");
        }
    }

    [Fact]
    public void Subjects_missing_age_or_prediction_get_no_corrected_value()
    {
        var result = AgeBiasCorrection.Correct([30, 40, double.NaN, 60, 70, 50], [32, 39, 55, double.NaN, 71, 52], AgeBiasMethod.Linear);
        Assert.True(double.IsNaN(result.DbaCorrected[2]));
        Assert.True(double.IsNaN(result.DbaCorrected[3]));
        Assert.Equal(4, result.Fit.N);
    }

    [Fact]
    public void Too_few_complete_subjects_for_the_polynomial_is_bad_input()
    {
        var ex = Assert.Throws<InvalidInputException>(() =>
            AgeBiasCorrection.Correct([30, 40, 50, double.NaN], [31, 42, 49, 60], AgeBiasMethod.Poly3));
        Assert.Contains("got 3", ex.Message);
    }
}
