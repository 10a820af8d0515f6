using RelevanceRelated.Analysis.Analyses;
using RelevanceRelated.Analysis.Analyses.Missingness;
using RelevanceRelated.Analysis.Statistics;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Analyses;

public class CheckNTests
{
    // check_N.R's models (lm of age on missing, chisq.test of sex by missing) on a synthetic overview (Data/analyses/check_n).
    private static readonly AnalysisReference R = new("check_n");

    private static CheckNResult Run() => CheckN.Run(ParticipantAvailability.Read(R.Read(CheckN.OverviewFileName)));

    [Fact]
    public void Age_models_and_sex_tests_equal_R_for_both_sequences()
    {
        var rows = CheckN.Summary(Run()).ToList();
        foreach (var column in new[] { "missing_t1_relevance_map", "missing_flair_relevance_map" })
        {
            var lm = $"lm(age ~ {column})";
            foreach (var term in new[] { "(Intercept)", column })
            {
                var row = rows.Single(r => r.Model == lm && r.Term == term);
                R.Close(lm, term, "estimate", row.Estimate);
                R.Close(lm, term, "std_error", row.StdError);
                R.Close(lm, term, "t", row.Statistic);
                R.Close(lm, term, "p", row.P);
                Assert.Equal(R.Number(lm, "model", "n"), row.N);
                R.Close(lm, "model", "r_squared", row.RSquared);
                R.Close(lm, "model", "aic", row.Aic);
                R.Close(lm, "model", "bic", row.Bic);
            }
            var chisq = $"chisq.test(table(sex, {column}))";
            var test = rows.Single(r => r.Model == chisq);
            R.Close(chisq, "X-squared", "statistic", test.Statistic);
            R.Close(chisq, "X-squared", "p", test.P);
            Assert.Equal(R.Number(chisq, "X-squared", "df"), test.Df);
            Assert.Equal(R.Number(chisq, "X-squared", "n"), test.N);
        }
    }

    [Fact]
    public void Nobody_missing_leaves_the_models_out()
    {
        var everyone = Enumerable.Range(0, 10).Select(i => new ParticipantAvailability($"s{i}", 20 + i, i % 2 == 0 ? "f" : "m", true, true)).ToList();
        var result = CheckN.Run(everyone);
        Assert.All(result.Sequences, s => Assert.Null(s.AgeOnMissing));
        Assert.Empty(CheckN.Summary(result));
    }

    [Fact]
    public void Written_tables_have_the_overview_columns()
    {
        var layout = new ResultsLayout(TestData.NewTempDirectory());
        var paths = CheckN.Write(Run(), layout);
        Assert.Equal(R.Read(CheckN.OverviewFileName).Columns, Table.Read(paths[0]).Columns);
        Assert.Equal(["model", "term", "estimate", "std_error", "statistic", "df", "p", "n", "r_squared", "aic", "bic"], Table.Read(paths[1]).Columns);
    }
}
