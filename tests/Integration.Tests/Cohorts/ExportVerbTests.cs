using RelevanceRelated.Contracts;
using RelevanceRelated.Client;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary><c>stats COHORT</c> and <c>export COHORT --out DIR</c> against a cohort analysed on an embedded silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExportVerbTests
{
    private const string Cohort = "exported";

    [Fact]
    public async Task Stats_and_export_summarise_and_write_every_promised_file_of_a_finished_cohort()
    {
        var setup = AnalysisCohort.Create(subjects: 3);
        await using var silo = await setup.StartAsync();
        await silo.Grains.GetGrain<ICohortGrain>(Cohort).Submit(setup.Submissions);
        await CohortSilos.WaitForCompletionAsync(silo.Grains.GetGrain<ICohortGrain>(Cohort), TimeSpan.FromMinutes(2));
        var config = Path.Combine(TestData.NewTempDirectory("rr-export-config"), "cluster.toml");
        File.WriteAllText(config, $"[cluster]\ngateway_port = {silo.Settings.GatewayPort}\n[paths]\nartifacts = \"{setup.Config.Paths.Artifacts}\"\n");
        string[] common = ["--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "--config", config];
        var outDirectory = Path.Combine(TestData.NewTempDirectory("rr-export"), "out");

        var stats = Run(["stats", Cohort, .. common]);
        var export = Run(["export", Cohort, "--out", outDirectory, .. common]);

        Assert.True(stats.ExitCode == 0, stats.Output + stats.Error);
        Assert.Contains($"cohort {Cohort}: 3 subject(s)", stats.Output);
        Assert.Contains("model tiny_t1: n = 3, MAE = ", stats.Output);
        Assert.Contains("relevance in PVS: share ", stats.Output);
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        var html = File.ReadAllText(Path.Combine(outDirectory, "report.html"));
        // Figures are embedded in the page and written beside it; heatmaps, maps and tables are linked.
        string[] figures =
        [
            "figures/predicted_vs_chronological_age.png", "figures/tiny_t1_dba.png", "figures/tiny_t1_relevance_in_masks.png",
        ];
        Assert.All(figures, file => Assert.True(File.Exists(Path.Combine(outDirectory, file)), file));
        string[] linked =
        [
            "tables/statistics.csv", "tables/regional_correlations.csv", "tables/cohort_features.csv", "tables/subjects.csv", "viewer.html",
            .. setup.Submissions.SelectMany(s => (string[])[$"maps/{s.SubjectId}_tiny_t1.relevance.nii.gz", $"maps/{s.SubjectId}_pvs_mask.nii.gz", $"heatmaps/{s.SubjectId}_tiny_t1.webp"]),
        ];
        Assert.All(linked, file =>
        {
            Assert.True(File.Exists(Path.Combine(outDirectory, file)), file);
            Assert.Contains($"\"{file}", html);
        });
        Assert.All(setup.Submissions, s => Assert.True(File.Exists(Path.Combine(outDirectory, "viewer", $"{s.SubjectId}.js")), s.SubjectId));
        Assert.Contains("lrp.sequential_preset_a", html);
        // The console's configuration lacks the cohort's model: named, not described.
        Assert.Contains("model tiny_t1", html);
        var features = File.ReadAllLines(Path.Combine(outDirectory, "tables", "cohort_features.csv"));
        Assert.Equal(4, features.Length);
        Assert.Contains("tiny_t1.prediction", features[0].Split(','));
        Assert.Contains("tiny_t1.pvs.p_pvs_voxel", features[0].Split(','));
        Assert.Empty(Directory.GetFiles(outDirectory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Stats_without_a_cohort_or_subcommand_names_both_forms()
    {
        var r = Run(["stats", "--config-dir", Path.Combine(TestData.RepositoryRoot, "configs")]);

        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Contains("stats COHORT", r.Error);
    }

    private static (int ExitCode, string Output, string Error) Run(string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = CommandRunner.Run(ConsoleCommands.CreateRoot(), args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
