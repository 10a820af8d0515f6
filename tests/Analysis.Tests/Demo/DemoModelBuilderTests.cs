using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Demo;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Analysis.Tests.Demo;

/// <summary>
/// A small demo build (fast; the full-size quality comes from running <c>model build-demo</c>): it is genuinely
/// fitted, so it beats predicting the training mean on its held-out cohort, and its entry loads and predicts.
/// </summary>
public sealed class DemoModelBuilderTests
{
    private static readonly Lazy<DemoBuildResult> Small = new(() =>
        DemoModelBuilder.Build(TestData.NewTempDirectory("rr-demo"), new DemoBuildOptions { TrainingSubjects = 32, TestSubjects = 10, BaseModels = 1, Seed = 2 }));

    [Fact]
    public void Beats_predicting_the_training_mean_on_held_out_subjects()
    {
        var result = Small.Value;

        Assert.True(result.TestMae < 0.8 * result.TrivialMae, $"MAE {result.TestMae:0.00} vs trivial {result.TrivialMae:0.00}");
        Assert.True(result.TestPearsonR > 0.5, $"r = {result.TestPearsonR:0.000}");
    }

    [Fact]
    public void Writes_an_entry_the_configuration_loader_accepts_with_the_files_beside_it()
    {
        var result = Small.Value;

        var loaded = ConfigurationLoader.Load(Path.Combine(TestData.RepositoryRoot, "configs"), [result.ConfigFile]);

        var model = loaded.Config.Models[DemoModelBuilder.ModelName];
        Assert.Equal(result.ModelFiles.Select(Path.GetFullPath), model.Files);
        Assert.Equal(HeadKind.Linear, model.Head.Kind);
        Assert.Equal([98, 98, 98], model.Recipe.Box);
        Assert.Equal(BrainMaskKind.Intensity, model.Recipe.BrainMask);
        Assert.True(File.Exists(result.MetricsFile));
    }

    [Fact]
    public void The_loaded_entry_reproduces_the_recorded_test_mae()
    {
        var result = Small.Value;
        var loaded = ConfigurationLoader.Load(Path.Combine(TestData.RepositoryRoot, "configs"), [result.ConfigFile]);
        using var ensemble = BrainAgeEnsemble.Load(loaded.Config.Models[DemoModelBuilder.ModelName]);
        var test = CohortSimulator.Participants(result.TestSubjects, new DemoBuildOptions { Seed = 2 }.TestCohortSeed);

        var mae = test.Average(spec =>
        {
            using var t1 = SubjectSimulator.Simulate(spec, SimulationGrid.TwoMillimetre).T1Volume();
            using var run = ensemble.Run(t1, spec.Age);
            return Math.Abs(run.Prediction.Ensemble - spec.Age);
        });

        Assert.Equal(result.TestMae, mae, 6);
    }

    [Fact]
    public void Training_and_test_cohort_seeds_are_disjoint_from_demo_seeds()
    {
        var options = new DemoBuildOptions { Seed = 1 };

        Assert.NotEqual(options.TrainingCohortSeed, options.TestCohortSeed);
        Assert.True(options.TrainingCohortSeed >= DemoBuildOptions.CohortSeedBase && options.TestCohortSeed >= DemoBuildOptions.CohortSeedBase);
    }

    [Fact]
    public void The_same_seed_builds_byte_identical_model_files()
    {
        var options = new DemoBuildOptions { TrainingSubjects = 8, TestSubjects = 2, BaseModels = 2, Seed = 3 };

        var first = DemoModelBuilder.Build(TestData.NewTempDirectory("rr-demo-a"), options);
        var second = DemoModelBuilder.Build(TestData.NewTempDirectory("rr-demo-b"), options);

        Assert.Equal(2, first.ModelFiles.Count);
        for (var m = 0; m < first.ModelFiles.Count; m++)
            Assert.Equal(File.ReadAllBytes(first.ModelFiles[m]), File.ReadAllBytes(second.ModelFiles[m]));
        Assert.Equal(File.ReadAllText(first.ConfigFile), File.ReadAllText(second.ConfigFile));
    }
}
