using System.Globalization;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Client.Tests;

/// <summary>
/// The verbs the original R scripts' statistics need, run as a user runs them: ols with raw polynomial terms and AIC/BIC,
/// residualise (correct_data_for), chisq (check_N.R) and correlate per hemisphere × region (gm_cortical_surface_plots.R),
/// against the R references in tests/Analysis.Tests/Data.
/// </summary>
public class StatsModelVerbsTests
{
    private static readonly string Data = Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Data");
    private static readonly string Cohort = Path.Combine(Data, "statistics", "cohort.csv");

    private static Dictionary<string, string> Expected(string file, params int[] keyColumns)
    {
        var t = Table.Read(file);
        var map = new Dictionary<string, string>();
        var value = t.Text(t.Columns[^1]);
        var keys = keyColumns.Select(k => t.Text(t.Columns[k])).ToArray();
        for (var i = 0; i < t.Count; i++) map[string.Join("|", keys.Select(k => k[i]))] = value[i];
        return map;
    }

    private static void Close(string expected, double actual, string what)
    {
        var e = double.Parse(expected, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(actual - e) <= 1e-9 * Math.Abs(e), $"{what}: expected {e:R}, got {actual:R}");
    }

    [Fact]
    public void Ols_with_raw_polynomial_terms_reports_R_coefficients_aic_and_bic()
    {
        var expected = Expected(Path.Combine(Data, "statistics", "expected.csv"), 0, 1, 2);
        var outPath = Path.Combine(TestData.NewTempDirectory(), "poly.csv");
        var result = ConsoleRunner.Run("stats", "ols", "--table", Cohort, "--y", "brain_age", "--x", "x2", "--poly", "age=3", "--out", outPath);
        Assert.True(result.ExitCode == 0, result.Error);
        var table = Table.Read(outPath);
        Assert.Equal(["term", "estimate", "std_error", "t", "p", "r_squared", "adj_r_squared", "f", "f_p", "aic", "bic"], table.Columns);
        Assert.Equal(["(Intercept)", "x2", "age", "age^2", "age^3"], table.Text("term"));
        for (var j = 0; j < 5; j++)
        {
            Close(expected[$"ols_poly|{j + 1}|estimate"], table.Numeric("estimate")[j], $"estimate {j}");
            Close(expected[$"ols_poly|{j + 1}|p"], table.Numeric("p")[j], $"p {j}");
        }
        Close(expected["ols_poly|model|aic"], table.Numeric("aic")[0], "AIC");
        Close(expected["ols_poly|model|bic"], table.Numeric("bic")[0], "BIC");
    }

    [Fact]
    public void Residualise_adds_the_originals_corrected_column_with_R_values()
    {
        var expected = Expected(Path.Combine(Data, "statistics", "expected.csv"), 0, 1, 2);
        var outPath = Path.Combine(TestData.NewTempDirectory(), "corrected.csv");
        var result = ConsoleRunner.Run("stats", "residualise", "--table", Cohort, "--y", "volume", "--on", "age", "--degree", "2", "--out", outPath);
        Assert.True(result.ExitCode == 0, result.Error);
        var table = Table.Read(outPath);
        Assert.Equal([.. Table.Read(Cohort).Columns, "poly-2-corrected_volume"], table.Columns);
        var subjects = table.Text("subject");
        var corrected = table.Numeric("poly-2-corrected_volume");
        for (var i = 0; i < subjects.Length; i++)
        {
            var want = expected[$"residualise_volume_age_deg2|{subjects[i]}|poly-2-corrected_volume"];
            if (want == "NA") Assert.True(double.IsNaN(corrected[i]), subjects[i]);
            else Close(want, corrected[i], subjects[i]);
        }
    }

    [Fact]
    public void Chisq_of_sex_by_missing_relevance_map_equals_check_N()
    {
        var folder = Path.Combine(Data, "analyses", "check_n");
        var expected = Expected(Path.Combine(folder, "expected.csv"), 0, 2);
        var outPath = Path.Combine(TestData.NewTempDirectory(), "chisq.csv");
        var result = ConsoleRunner.Run("stats", "chisq", "--table", Path.Combine(folder, "relevance_related_data_overview.csv"),
            "--x", "sex", "--y", "missing_t1_relevance_map", "--out", outPath);
        Assert.True(result.ExitCode == 0, result.Error);
        var table = Table.Read(outPath);
        Assert.Equal(["x", "y", "n", "statistic", "df", "p", "yates"], table.Columns);
        const string model = "chisq.test(table(sex, missing_t1_relevance_map))";
        Close(expected[$"{model}|statistic"], table.Numeric("statistic")[0], "X-squared");
        Close(expected[$"{model}|p"], table.Numeric("p")[0], "p");
        Assert.Equal(expected[$"{model}|n"], table.Text("n")[0]);
        Assert.Equal("TRUE", table.Text("yates")[0]);
    }

    [Fact]
    public void Correlate_per_hemisphere_and_region_without_a_hand_made_label_column()
    {
        var folder = Path.Combine(Data, "analyses", "cortical");
        var expected = Expected(Path.Combine(folder, "expected.csv"), 0, 1, 2);
        var outPath = Path.Combine(TestData.NewTempDirectory(), "gmv.csv");
        var result = ConsoleRunner.Run("stats", "correlate", "--table", Path.Combine(folder, "merged_cs_dktbase.csv"), "--x", "sum_relevance",
            "--y", "gray_matter_volume_mm^3", "--by", "hemisphere,structure_name", "--correction", "bonferroni", "--out", outPath);
        Assert.True(result.ExitCode == 0, result.Error);
        var table = Table.Read(outPath);
        var groups = table.Text("group");
        Assert.Equal(68, groups.Length);
        Assert.Equal("left_bankssts", groups[0]);
        for (var i = 0; i < groups.Length; i++)
        {
            var label = groups[i].Replace("left_", "lh_").Replace("right_", "rh_");
            Close(expected[$"gmv|{label}|r"], table.Numeric("r")[i], $"{label} r");
            Close(expected[$"gmv|{label}|p_value"], table.Numeric("p")[i], $"{label} p");
        }
    }

    [Theory]
    [InlineData("residualise")]
    [InlineData("chisq")]
    [InlineData("ols")]
    public void New_verbs_have_help(string verb)
    {
        var result = ConsoleRunner.Run("stats", verb, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--out", result.Output);
    }

    [Fact]
    public void A_malformed_poly_term_is_bad_input()
    {
        var result = ConsoleRunner.Run("stats", "ols", "--table", Cohort, "--y", "y", "--poly", "age", "--out", Path.Combine(TestData.NewTempDirectory(), "x.csv"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("COL=DEGREE", result.Error);
    }
}
