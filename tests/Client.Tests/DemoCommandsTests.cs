using System.Text.Json;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Client.Tests;

/// <summary>model build-demo → brainage → simulate → validate relevance, at a tiny size.</summary>
public sealed class DemoCommandsTests
{
    private static readonly string ConfigDirectory = Path.Combine(TestData.RepositoryRoot, "configs");

    private static readonly Lazy<(string Dir, string Config)> Demo = new(() =>
    {
        var dir = TestData.NewTempDirectory("rr-demo-cli");
        var r = ConsoleRunner.Run("model", "build-demo", "--out", dir, "--seed", "3", "--training-subjects", "16", "--test-subjects", "4", "--base-models", "1");
        Assert.True(r.ExitCode == 0, r.Error);
        return (dir, Path.Combine(dir, "demo.config.toml"));
    });

    private static readonly Lazy<string> Cohort = new(() =>
    {
        var dir = Path.Combine(TestData.NewTempDirectory("rr-demo-cohort"), "cohort");
        var r = ConsoleRunner.Run("simulate", "--subjects", "2", "--seed", "11", "--voxel-size", "2", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Error);
        return dir;
    });

    [Fact]
    public void Build_demo_prints_the_held_out_mae_and_records_it_as_json()
    {
        var (dir, _) = Demo.Value;

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "demo.metrics.json")));
        var mae = metrics.RootElement.GetProperty("test_mae").GetDouble();
        Assert.InRange(mae, 0, 60);
        Assert.Equal(4, metrics.RootElement.GetProperty("test_subjects").GetInt32());
        Assert.True(File.Exists(Path.Combine(dir, "demo_t1_0.onnx")));
    }

    [Fact]
    public void The_built_demo_model_runs_through_brainage()
    {
        var (_, config) = Demo.Value;
        var t1 = Path.Combine(Cohort.Value, "sub-001", "anat", "sub-001_T1w.nii.gz");

        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "--config", config, "brainage", "--model", "demo_t1", "--t1", t1, "--age", "50", "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        Assert.Equal("linear", json.RootElement.GetProperty("head").GetString());
        Assert.Single(json.RootElement.GetProperty("base_models").EnumerateArray());
    }

    [Fact]
    public void Validate_relevance_reports_aucs_in_the_unit_interval_for_every_subject()
    {
        var (_, config) = Demo.Value;

        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "--config", config, "validate", "relevance", "--cohort", Cohort.Value,
            "--model", "demo_t1", "--rule", "lrp.epsilon", "--json");

        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        var subjects = json.RootElement.GetProperty("subjects").EnumerateArray().ToArray();
        Assert.Equal(2, subjects.Length);
        foreach (var s in subjects)
        {
            Assert.InRange(s.GetProperty("auc_abs").GetDouble(), 0, 1);
            Assert.InRange(s.GetProperty("auc_pos").GetDouble(), 0, 1);
            Assert.True(s.GetProperty("age_effect_voxels").GetInt32() > 0);
        }
        Assert.InRange(json.RootElement.GetProperty("auc_abs_mean").GetDouble(), 0, 1);
    }

    [Fact]
    public void Validate_relevance_refuses_a_directory_that_is_not_a_simulated_cohort()
    {
        var (_, config) = Demo.Value;

        var r = ConsoleRunner.Run("--config-dir", ConfigDirectory, "--config", config, "validate", "relevance", "--cohort", TestData.NewTempDirectory("rr-empty"),
            "--model", "demo_t1");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("participants.tsv", r.Error);
    }
}
