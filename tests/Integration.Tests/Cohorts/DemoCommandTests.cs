using RelevanceRelated.Contracts;
using RelevanceRelated.Analysis.Demo;
using RelevanceRelated.Client;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>The <c>demo</c> verb end to end, reusing an existing demo-model build (a tiny one, so the test stays fast).</summary>
[Collection(ClusterCollection.Name)]
public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_simulates_runs_every_stage_in_process_then_prints_the_statistics_and_timing_and_exports_the_cohort()
    {
        var root = TestData.NewTempDirectory("rr-demo");
        var models = Path.Combine(root, "models");
        var demoDirectory = Directory.CreateDirectory(Path.Combine(models, DemoModel.DirectoryName)).FullName;
        File.WriteAllText(Path.Combine(demoDirectory, DemoModelBuilder.ConfigFileName), TinyBrainAgeModel.Write(demoDirectory, DemoModel.DirectoryName));
        File.WriteAllText(Path.Combine(demoDirectory, DemoModelBuilder.MetricsFileName), $"{{\"build_version\": {DemoModelBuilder.BuildVersion}}}");
        var extra = Path.Combine(root, "paths.toml");
        File.WriteAllText(extra, $"[paths]\nmodels = \"{models}\"\n");
        var outDirectory = Path.Combine(root, "out");

        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = CommandRunner.Run(ConsoleCommands.CreateRoot(),
            ["--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "--config", extra, "demo", "--subjects", "2", "--out", outDirectory],
            output, error);

        Assert.True(exitCode == 0, output + error.ToString());
        Assert.Contains("ingest 2/2  pvs 2/2  brainage 2/2  relevance 2/2  features 2/2", output.ToString());
        var subjects = File.ReadAllLines(Path.Combine(outDirectory, "tables", "subjects.csv"));
        Assert.Equal(3, subjects.Length);
        Assert.Equal(["participant_id", "age", "sex", .. StageNames.All, "failed_stage", "error"], subjects[0].Split(','));
        Assert.All(subjects.Skip(1), r => Assert.EndsWith(",done,done,done,done,done,,", r));
        var features = File.ReadAllLines(Path.Combine(outDirectory, "tables", "cohort_features.csv"));
        Assert.Contains("demo_t1.dba", features[0].Split(','));
        Assert.True(File.Exists(Path.Combine(outDirectory, "maps", "sub-001_demo_t1.relevance.nii.gz")), string.Join(", ", Directory.GetFiles(Path.Combine(outDirectory, "maps"))));
        Assert.True(File.Exists(Path.Combine(outDirectory, "maps", "sub-001_pvs_mask.nii.gz")));
        Assert.True(File.Exists(Path.Combine(outDirectory, "heatmaps", "sub-001_demo_t1.webp")));
        Assert.Contains("heatmaps/sub-001_demo_t1.webp", File.ReadAllText(Path.Combine(outDirectory, "report.html")));
        Assert.True(File.Exists(Path.Combine(outDirectory, "viewer", "sub-001.js")));
        Assert.True(File.Exists(Path.Combine(outDirectory, "viewer.html")));
        Assert.Contains("model demo_t1: n = 2, MAE = ", output.ToString());
        // Every published analysis ran on the cohort; with 2 subjects the correlations cannot run, which it says.
        var results = Path.Combine(outDirectory, "results", "demo");
        foreach (var table in new[] { "WML/WMlesion.csv", "statsmaps/merged_cs_dktbase.csv", "statsmaps/merged_subcort_aseg.csv", "PVS/T1.PVS_t1-subens.csv",
                     "PVS/T1.PVS_basal_ganglia-d5_t1-subens.csv", "statsmaps/merged_fa-t1_jhu.csv", "statsmaps/voxel_wise_corr_df_FA-t1-relevance.csv",
                     "check_N/relevance_related_data_overview.csv" })
            Assert.True(File.ReadAllLines(Path.Combine(results, table)).Length >= 3, $"{table}: a header and a row per subject");
        Assert.Equal(3, File.ReadAllLines(Path.Combine(results, "WML", "WMlesion.csv")).Length);
        Assert.Contains("cohort demo: analyses wml, cs, sub, pvs, pvs-only-border, fa, check-n on 2 of 2 subjects", output.ToString());
        Assert.Contains("no statistics (", output.ToString());
        Assert.Matches(@"pipeline: 2 subject\(s\) in [0-9.]+ s = [0-9.]+ subjects/min; analysis code [0-9.]+ s of [0-9.]+ s in flight → [0-9.]+ % outside the analysis code", output.ToString());
    }
}
