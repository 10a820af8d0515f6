using Xunit;

namespace RelevanceRelated.Client.Tests;

public class BenchStatisticsCommandTests
{
    private static ConsoleRunner.Result Run(params string[] args) => ConsoleRunner.Run(args);

    [Fact]
    public void Prints_the_median_time_of_both_workloads()
    {
        var result = Run("bench", "statistics", "--subjects", "200", "--regions", "3", "--repeat", "1");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("200 subjects × 3 regions", result.Output);
        Assert.Contains("correlation + Bonferroni:", result.Output);
        Assert.Contains("OLS 5 predictors/region:", result.Output);
    }

    [Fact]
    public void A_missing_r_script_is_bad_input()
    {
        var result = Run("bench", "statistics", "--subjects", "200", "--regions", "1", "--repeat", "1", "--r-script", "/nonexistent.R");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("/nonexistent.R", result.Error);
    }
}
