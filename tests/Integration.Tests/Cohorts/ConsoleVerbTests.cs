using RelevanceRelated.Contracts;
using RelevanceRelated.Client;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>The console's cluster verbs against a real embedded silo, as a user runs them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConsoleVerbTests
{
    [Fact]
    public async Task Submit_then_status_and_subject_report_the_cohort_and_a_missing_T1_with_its_reason()
    {
        var data = new CohortTestData();
        await using var silo = await CohortSilos.StartEmbeddedAsync(data);
        data.Subject("sub-01");
        var participants = Path.Combine(data.DataRoot, "participants.tsv");
        File.WriteAllText(participants, "participant_id\tage\tsex\nsub-01\t60\tF\nsub-02\t70\tM\n");
        var config = Path.Combine(data.DataRoot, "..", "cluster.toml");
        File.WriteAllText(config, $"[paths]\ndata = \"{data.DataRoot}\"\n[cluster]\ngateway_port = {silo.Settings.GatewayPort}\n");
        string[] common = ["--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "--config", config];

        var submit = Run(["submit", "--cohort", "console", "--participants", participants, .. common]);
        await CohortSilos.WaitForCompletionAsync(silo.Grains.GetGrain<ICohortGrain>("console"));
        var status = Run(["status", "console", "--json", .. common]);
        var subject = Run(["subject", "console", "sub-01", .. common]);

        Assert.Equal((0, ""), (submit.ExitCode, submit.Error));
        Assert.Contains("2 subjects submitted (2 new, 0 changed, 0 unchanged)", submit.Output);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("\"ingest\": {\n      \"pending\": 0,\n      \"running\": 0,\n      \"done\": 1,\n      \"failed\": 1", status.Output.ReplaceLineEndings("\n"));
        Assert.Contains($"\"reason\": \"T1 image \\u0027{Path.Combine(data.DataRoot, "sub-02", "anat", "sub-02_T1w.nii.gz")}\\u0027 does not exist.\"", status.Output);
        Assert.Equal(0, subject.ExitCode);
        Assert.Contains("ingest     done     attempts 1", subject.Output);
    }

    [Fact]
    public async Task Reanalyze_with_another_rule_reruns_only_relevance_and_the_stages_reading_it_cluster_wide()
    {
        var cohortData = AnalysisCohort.Create(subjects: 2);
        await using var silo = await cohortData.StartAsync();
        var cohort = silo.Grains.GetGrain<ICohortGrain>("reanalysis");
        await cohort.Submit(cohortData.Submissions);
        await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));
        string[] common = ["--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "--config", cohortData.ConfigFile,
            "--config", ClusterConfig(silo)];

        var reanalyze = Run(["reanalyze", "reanalysis", "--rule", "lrp.epsilon", .. common]);
        await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));
        var again = Run(["reanalyze", "reanalysis", "--rule", "lrp.epsilon", .. common]);

        Assert.Equal((0, ""), (reanalyze.ExitCode, reanalyze.Error));
        Assert.Contains("configuration version 1 -> 2 (analyzer_type = lrp.epsilon)", reanalyze.Output);
        Assert.Contains("reruns: relevance, features, analyses;", reanalyze.Output);
        Assert.Contains("nothing reruns", again.Output);
        foreach (var submission in cohortData.Submissions)
        {
            var details = await CohortSilos.Details(silo.Grains, "reanalysis", submission.SubjectId);
            Assert.Equal([1, 1, 1, 2, 2, 2], details.Stages.Select(s => s.Completions));
            Assert.Equal("lrp.epsilon", details.Stage(StageNames.Relevance).ResultAs<RelevanceResult>().Analyzer);
        }
    }

    [Theory]
    [InlineData(new[] { "--rule", "lrp.nonsense" }, "--rule 'lrp.nonsense' is not a known LRP composite")]
    [InlineData(new[] { "--model", "absent" }, "--model 'absent' is not configured")]
    [InlineData(new[] { "--pvs-model", "absent" }, "--pvs-model 'absent' is neither 'frangi'")]
    [InlineData(new string[0], "give at least one of --rule, --model, --pvs-model")]
    public void Reanalyze_refuses_unknown_names_before_contacting_the_cluster(string[] options, string expected)
    {
        var result = Run(["reanalyze", "any", "--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
    }

    private static string ClusterConfig(TestSilo silo)
    {
        var path = Path.Combine(TestData.NewTempDirectory("rr-console"), "cluster.toml");
        File.WriteAllText(path, $"[cluster]\ngateway_port = {silo.Settings.GatewayPort}\n");
        return path;
    }

    private static (int ExitCode, string Output, string Error) Run(string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = CommandRunner.Run(ConsoleCommands.CreateRoot(), args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
