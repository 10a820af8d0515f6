using System.Collections.Immutable;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Silo;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// The production stages (ingest, pvs, brainage, relevance, features) on an embedded silo, configured from TOML
/// with a tiny builder model, over a small simulated cohort (4 mm voxels) with FreeSurfer derivatives.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AnalysisStageTests
{
    private const string Model = AnalysisCohort.Model;

    [Fact]
    public async Task A_simulated_cohort_completes_every_analysis_stage_with_maps_in_the_artifact_store()
    {
        var setup = AnalysisCohort.Create(subjects: 2, "[params.wml]\nmin_voxels = 0\n");
        await using var silo = await setup.StartAsync();
        var cohort = silo.Grains.GetGrain<ICohortGrain>("analysis");

        await cohort.Submit(setup.Submissions);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));

        Assert.Equal(StageNames.All, progress.Stages.Select(s => s.Stage));
        Assert.All(progress.Stages, s => Assert.Equal(new StageProgress(s.Stage, 0, 0, 2, 0), s));
        var subject = await CohortSilos.Details(silo.Grains, "analysis", setup.Submissions[0].SubjectId);
        var age = setup.Submissions[0].Covariates.Age!.Value;

        var pvs = subject.Stage(StageNames.Pvs);
        Assert.Equal("frangi", pvs.Facts["method"]);
        using var t1 = VolumeFile.Read(setup.Submissions[0].Inputs.T1);
        using (var mask = VolumeFile.Read(Path.Combine(setup.ArtifactsRoot, pvs.Artifacts["pvs_mask"].RelativePath)))
        {
            Assert.Equal(t1.Shape3, mask.Shape3);
            Assert.Equal(pvs.Values["mask_voxels"], mask.Frame(0).ToArray().Count(v => v != 0));
        }

        var brainAge = subject.Stage(StageNames.BrainAge);
        // Head "linear" over two base models: intercept + Σ weight · base.
        Assert.Equal(1.0 + 0.25 * brainAge.Values[$"{Model}.base.0"] + 0.75 * brainAge.Values[$"{Model}.base.1"],
            brainAge.Values[$"{Model}.prediction"], 9);
        Assert.Equal(brainAge.Values[$"{Model}.prediction"] - age, brainAge.Values[$"{Model}.dba"], 9);
        Assert.Equal([$"{Model}.input", $"{Model}.preprocess"], brainAge.Artifacts.Keys);

        var relevance = subject.Stage(StageNames.Relevance);
        Assert.Equal("lrp.sequential_preset_a", relevance.Facts["analyzer_type"]);
        using var map = VolumeFile.Read(Path.Combine(setup.ArtifactsRoot, relevance.Artifacts[$"{Model}.relevance"].RelativePath));
        Assert.Equal(t1.Shape3, map.Shape3);
        Assert.Contains(map.Frame(0).ToArray(), v => v != 0);
        AssertRelevanceOfStoredInputEqualsAFreshRun(setup, t1, age, map);

        var features = subject.Stage(StageNames.Features);
        Assert.Equal(pvs.Values["mask_voxels"], features.Values[$"{Model}.pvs.n_pvs_voxel"]);
        Assert.Equal(age, features.Values[$"{Model}.pvs.age"]);
        Assert.Equal(brainAge.Values[$"{Model}.prediction"], features.Values[$"{Model}.pvs.brain_age"]);
        var lesionVoxels = LesionVoxels(setup, 0);
        Assert.True(lesionVoxels > 0, "the simulated subject should have lesion voxels");
        Assert.Equal(lesionVoxels, features.Values["wml.lesion_voxels"]);
        Assert.Equal(lesionVoxels, features.Values[$"{Model}.wml.n_wml_voxel"]);
        Assert.Equal(age, features.Values[$"{Model}.wml.age"]);
        var regions = File.ReadAllLines(Path.Combine(setup.ArtifactsRoot, features.Artifacts[$"{Model}.regions"].RelativePath));
        Assert.Equal("label\tstructure_name\tsum_relevance\tmean_relevance\tmin_relevance\tmax_relevance\tn_voxels", regions[0]);
        Assert.Equal(features.Values[$"{Model}.regions"], regions.Length - 1);
        Assert.Contains(regions, r => r.Contains("ctx-lh-precentral", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subject_with_fewer_lesion_voxels_than_min_voxels_is_left_out_of_the_lesion_metrics()
    {
        var setup = AnalysisCohort.Create(subjects: 1, "[params.wml]\nmin_voxels = 100000000\n");
        await using var silo = await setup.StartAsync();
        var cohort = silo.Grains.GetGrain<ICohortGrain>("few-lesions");

        await cohort.Submit(setup.Submissions);
        await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));
        var features = (await CohortSilos.Details(silo.Grains, "few-lesions", setup.Submissions[0].SubjectId)).Stage(StageNames.Features);

        var lesionVoxels = LesionVoxels(setup, 0);
        Assert.Equal(lesionVoxels, features.Values["wml.lesion_voxels"]);
        Assert.DoesNotContain(features.Values.Keys, k => k.Contains(".wml.", StringComparison.Ordinal));
        Assert.Equal($"{lesionVoxels} lesion voxels (probability >= 0.8) < [params.wml].min_voxels = 100000000", features.Facts["wml.excluded"]);
        Assert.Contains($"{Model}.pvs.n_pvs_voxel", features.Values.Keys);
    }

    /// <summary>
    /// relevance explains the model-grid input brainage stored instead of preprocessing again: its map equals the
    /// explanation of a fresh preprocessing and prediction of the native T1.
    /// </summary>
    private static void AssertRelevanceOfStoredInputEqualsAFreshRun(AnalysisCohort setup, Volume t1, double age, Volume stageMap)
    {
        using var registry = new ModelRegistry(setup.Config);
        using var run = registry.BrainAge(Model).Run(t1, age);
        using var expected = registry.Explainer(Model).Explain(run, "lrp.sequential_preset_a");
        var want = expected.NativeMap.Frame(0).ToArray();
        var got = stageMap.Frame(0).ToArray();
        Assert.Equal(want.Length, got.Length);
        var scale = want.Max(Math.Abs);
        for (var i = 0; i < want.Length; i++) Assert.True(Math.Abs(want[i] - got[i]) <= 1e-5f * scale, $"voxel {i}: {got[i]} vs {want[i]}");
    }

    private static int LesionVoxels(AnalysisCohort setup, int subject)
    {
        using var map = VolumeFile.Read(setup.Submissions[subject].Inputs.LesionProbability!);
        return map.Frame(0).ToArray().Count(p => p >= setup.Config.Params.Wml.Threshold);
    }

    [Fact]
    public async Task Changing_the_analyzer_type_reruns_only_relevance_and_features()
    {
        var setup = AnalysisCohort.Create(subjects: 1);
        await using var silo = await setup.StartAsync();
        var cohort = silo.Grains.GetGrain<ICohortGrain>("rule");
        await cohort.Submit(setup.Submissions);
        await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));
        var id = setup.Submissions[0].SubjectId;
        var before = await CohortSilos.Details(silo.Grains, "rule", id);

        await cohort.Reconfigure(ImmutableSortedDictionary<string, string>.Empty.Add(RelevanceStage.AnalyzerParameter, "lrp.epsilon"));
        await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));
        var after = await CohortSilos.Details(silo.Grains, "rule", id);

        foreach (var stage in new[] { StageNames.Ingest, StageNames.Pvs, StageNames.BrainAge })
            Assert.Equal((1, before.Stage(stage).Values), (after.Stage(stage).Completions, after.Stage(stage).Values));
        Assert.Equal(2, after.Stage(StageNames.Relevance).Completions);
        Assert.Equal(2, after.Stage(StageNames.Features).Completions);
        Assert.Equal("lrp.epsilon", after.Stage(StageNames.Relevance).Facts["analyzer_type"]);
        Assert.NotEqual(before.Stage(StageNames.Relevance).Artifacts[$"{Model}.relevance"], after.Stage(StageNames.Relevance).Artifacts[$"{Model}.relevance"]);
    }
}
