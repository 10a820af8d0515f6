using System.Globalization;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Client;
using RelevanceRelated.Tests;
using Xunit;

namespace RelevanceRelated.Client.Tests;

public class StatsCommandTests
{
    // The synthetic cohort and R's values from tests/Analysis.Tests/Data/statistics (see reference.R there).
    private static readonly string Folder = Path.Combine(TestData.RepositoryRoot, "tests", "Analysis.Tests", "Data", "statistics");
    private static readonly string Cohort = Path.Combine(Folder, "cohort.csv");

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var result = ConsoleRunner.Run(args);
        return (result.ExitCode, result.Output, result.Error);
    }

    private static double Expected(string test, string group, string key)
    {
        var t = Table.Read(Path.Combine(Folder, "expected.csv"));
        var tests = t.Text("test"); var groups = t.Text("group"); var keys = t.Text("key"); var values = t.Text("value");
        for (var i = 0; i < t.Count; i++)
            if (tests[i] == test && groups[i] == group && keys[i] == key) return double.Parse(values[i], CultureInfo.InvariantCulture);
        throw new KeyNotFoundException($"{test}/{group}/{key}");
    }

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Correlate_by_group_writes_the_issue_columns_with_R_values()
    {
        var dir = TestData.NewTempDirectory();
        var outPath = Path.Combine(dir, "corr.csv");
        var (code, _, error) = Run("stats", "correlate", "--table", Cohort, "--x", "relevance", "--y", "volume", "--by", "site",
            "--correction", "holm", "--out", outPath);
        Assert.True(code == 0, error);
        var result = Table.Read(outPath);
        Assert.Equal(["group", "n", "r", "t", "df", "p", "ci_low", "ci_high", "p_adjusted"], result.Columns);
        Assert.Equal(["A", "B", "C"], result.Text("group"));
        var r = result.Numeric("r"); var p = result.Numeric("p"); var low = result.Numeric("ci_low");
        foreach (var (g, i) in new[] { ("A", 0), ("B", 1), ("C", 2) })
        {
            Close(Expected("pearson_relevance_volume", g, "r"), r[i]);
            Close(Expected("pearson_relevance_volume", g, "p"), p[i]);
            Close(Expected("pearson_relevance_volume", g, "ci_low"), low[i]);
        }
        var adjusted = result.Numeric("p_adjusted");
        var expectedAdjusted = PValueAdjustment.Adjust(p, PAdjustMethod.Holm);
        Assert.Equal(expectedAdjusted, adjusted);
    }

    [Fact]
    public void Correlate_spearman_leaves_the_interval_empty()
    {
        var outPath = Path.Combine(TestData.NewTempDirectory(), "rho.csv");
        var (code, _, error) = Run("stats", "correlate", "--table", Cohort, "--x", "score", "--y", "age", "--where", "site=C",
            "--method", "spearman", "--correction", "none", "--out", outPath);
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(outPath);
        Assert.Equal(2, lines.Length);
        var cells = lines[1].Split(',');
        Assert.Equal("all", cells[0]); // no --by: one group over the filtered rows
        Close(Expected("spearman_score_age", "C", "r"), double.Parse(cells[2], CultureInfo.InvariantCulture));
        Close(Expected("spearman_score_age", "C", "p"), double.Parse(cells[5], CultureInfo.InvariantCulture));
        Assert.Equal("", cells[6]);
        Assert.Equal("", cells[7]);
    }

    [Fact]
    public void Ols_puts_the_intercept_first_and_repeats_the_model_statistics()
    {
        var outPath = Path.Combine(TestData.NewTempDirectory(), "ols.csv");
        var (code, _, error) = Run("stats", "ols", "--table", Cohort, "--y", "y", "--x", "relevance,x2,x3,age", "--out", outPath);
        Assert.True(code == 0, error);
        var result = Table.Read(outPath);
        Assert.Equal(["term", "estimate", "std_error", "t", "p", "r_squared", "adj_r_squared", "f", "f_p", "aic", "bic"], result.Columns);
        Assert.Equal(["(Intercept)", "relevance", "x2", "x3", "age"], result.Text("term"));
        Close(Expected("ols_y", "x3", "std_error"), result.Numeric("std_error")[3]);
        Close(Expected("ols_y", "model", "f_p"), result.Numeric("f_p")[4]);
    }

    [Fact]
    public void Agebias_writes_id_dba_and_corrected_dba_with_gaps_for_missing_values()
    {
        var outPath = Path.Combine(TestData.NewTempDirectory(), "dba.csv");
        var (code, _, error) = Run("stats", "agebias", "--table", Cohort, "--age", "age", "--predicted", "brain_age", "--id", "subject",
            "--method", "poly3", "--out", outPath);
        Assert.True(code == 0, error);
        var result = Table.Read(outPath);
        Assert.Equal(["subject", "dba", "dba_corrected"], result.Columns);
        var ids = result.Text("subject");
        var corrected = result.Numeric("dba_corrected");
        Assert.True(double.IsNaN(corrected[Array.IndexOf(ids, "sub-08")])); // age missing
        Close(Expected("agebias_deg3", "sub-01", "dba_corrected"), corrected[0]);
    }

    [Fact]
    public void Summary_by_group_matches_summarySE_on_log_a_plus_2()
    {
        var outPath = Path.Combine(TestData.NewTempDirectory(), "summary.csv");
        var (code, _, error) = Run("stats", "summary", "--table", Cohort, "--y", "relevance", "--by", "site", "--log-a-plus-2", "--out", outPath);
        Assert.True(code == 0, error);
        var result = Table.Read(outPath);
        Assert.Equal(["group", "n", "mean", "sd", "se", "ci", "ci_low", "ci_high"], result.Columns);
        Assert.Equal(["A", "B", "C"], result.Text("group"));
        Close(Expected("summary_log_relevance", "C", "mean"), result.Numeric("mean")[2]);
        Close(Expected("summary_log_relevance", "C", "ci"), result.Numeric("ci")[2]);
        Assert.Equal(Expected("summary_log_relevance", "C", "N"), result.Numeric("n")[2]);
    }

    [Fact]
    public void An_unknown_column_is_bad_input_and_names_the_column()
    {
        var outPath = Path.Combine(TestData.NewTempDirectory(), "x.csv");
        var (code, _, error) = Run("stats", "correlate", "--table", Cohort, "--x", "relevanse", "--y", "volume", "--out", outPath);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("relevanse", error);
        Assert.False(File.Exists(outPath));
    }
}
