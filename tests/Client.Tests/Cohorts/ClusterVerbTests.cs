using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests.Cohorts;

public sealed class ClusterVerbTests
{
    [Theory]
    [InlineData("status", "cohort-a")]
    [InlineData("subject", "cohort-a", "sub-01")]
    [InlineData("stats", "cohort-a")]
    [InlineData("export", "cohort-a", "--out", "export-out")]
    public void Without_a_reachable_cluster_the_verbs_say_how_to_start_one(params string[] verb)
    {
        var config = Path.Combine(TestData.NewTempDirectory(), "cluster.toml");
        File.WriteAllText(config, $"[cluster]\ngateway_port = {FreePorts.Next()}\n");

        var result = ConsoleRunner.Run([.. verb, "--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "--config", config]);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("no cohort service is reachable", result.Error);
        Assert.Contains("dotnet run --project src/Silo", result.Error);
    }

}
