using RelevanceRelated.Contracts;
using System.Collections.Immutable;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Analysis.Imaging;
using RelevanceRelated.Analysis.Models;
using RelevanceRelated.Analysis.Simulation;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Hosting;
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

        var pvs = subject.Stage(StageNames.Pvs).ResultAs<PvsResult>();
        Assert.Equal("frangi", pvs.Method);
        using var t1 = VolumeFile.Read(setup.Submissions[0].Inputs.T1);
        using (var mask = VolumeFile.Read(Path.Combine(setup.ArtifactsRoot, pvs.Mask.RelativePath)))
        {
            Assert.Equal(t1.Shape3, mask.Shape3);
            Assert.Equal(pvs.MaskVoxels, mask.Frame(0).ToArray().Count(v => v != 0));
        }

        var run = subject.Stage(StageNames.BrainAge).ResultAs<BrainAgeResult>().Model(Model)!;
        var prediction = run.Prediction;
        // Head "linear" over two base models: intercept + Σ weight · base.
        Assert.Equal(1.0 + 0.25 * prediction.BaseModels[0] + 0.75 * prediction.BaseModels[1], prediction.Ensemble, 9);
        Assert.Equal(prediction.Ensemble - age, prediction.Dba!.Value, 9);
        Assert.True(File.Exists(Path.Combine(setup.ArtifactsRoot, run.Input.RelativePath)));

        var relevance = subject.Stage(StageNames.Relevance).ResultAs<RelevanceResult>();
        Assert.Equal("lrp.sequential_preset_a", relevance.Analyzer);
        using var map = VolumeFile.Read(Path.Combine(setup.ArtifactsRoot, relevance.Model(Model)!.Map.RelativePath));
        Assert.Equal(t1.Shape3, map.Shape3);
        Assert.Contains(map.Frame(0).ToArray(), v => v != 0);
        AssertRelevanceOfStoredInputEqualsAFreshRun(setup, t1, age, map);

        var features = subject.Stage(StageNames.Features).ResultAs<FeaturesResult>();
        var found = Assert.Single(features.Models);
        Assert.Equal(pvs.MaskVoxels, found.Pvs!.NFeatureVoxel);
        Assert.Equal(age, found.Pvs.Age);
        Assert.Equal(prediction.Ensemble, found.Pvs.BrainAge);
        var lesionVoxels = LesionVoxels(setup, 0);
        Assert.True(lesionVoxels > 0, "the simulated subject should have lesion voxels");
        Assert.Equal(lesionVoxels, features.Lesions!.LesionVoxels);
        Assert.Equal(lesionVoxels, found.Wml!.NFeatureVoxel);
        Assert.Equal(age, found.Wml.Age);
        var regions = File.ReadAllLines(Path.Combine(setup.ArtifactsRoot, features.RegionTables[Model].RelativePath));
        Assert.Equal("label\tstructure_name\tsum_relevance\tmean_relevance\tmin_relevance\tmax_relevance\tn_voxels", regions[0]);
        Assert.Equal(found.Regions!.Labels.Length, regions.Length - 1);
        Assert.Contains(regions, r => r.Contains("ctx-lh-precentral", StringComparison.Ordinal));

        // The cohort's row of the subject is the features stage's result with the covariates and the PVS census.
        var statistics = await cohort.GetStatistics();
        Assert.Equal(2, statistics.SubjectsWithFeatures);
        Assert.Equal(Model, Assert.Single(statistics.Summaries).Model);
        var page = await cohort.GetPage(0);
        var row = page.Members.Single(m => m.Submission.SubjectId == setup.Submissions[0].SubjectId).Row!;
        Assert.Equal(Json(pvs.Census), Json(row.Pvs!));
        Assert.Equal(Json(found), Json(row.Model(Model)!));
    }

    [Fact]
    public async Task A_subject_with_no_more_lesion_voxels_than_min_voxels_keeps_its_metrics_and_is_marked_out_of_the_statistics()
    {
        var setup = AnalysisCohort.Create(subjects: 1, "[params.wml]\nmin_voxels = 100000000\n");
        await using var silo = await setup.StartAsync();
        var cohort = silo.Grains.GetGrain<ICohortGrain>("few-lesions");

        await cohort.Submit(setup.Submissions);
        await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));
        var features = (await CohortSilos.Details(silo.Grains, "few-lesions", setup.Submissions[0].SubjectId)).Stage(StageNames.Features);

        var lesionVoxels = LesionVoxels(setup, 0);
        var result = features.ResultAs<FeaturesResult>();
        Assert.Equal(lesionVoxels, result.Lesions!.LesionVoxels);
        Assert.Equal(lesionVoxels, Assert.Single(result.Models).Wml!.NFeatureVoxel); // WMlesion.csv lists every subject
        Assert.False(result.Lesions.Included);
        Assert.Equal($"{lesionVoxels} lesion voxels (probability > 0.8) <= [params.wml].min_voxels = 100000000", result.Lesions.Exclusion);
        Assert.NotNull(result.Models[0].Pvs);
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

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, RelevanceRelated.Contracts.Serialization.AnalysisRecords.JsonOptions);

    private static int LesionVoxels(AnalysisCohort setup, int subject)
    {
        using var map = VolumeFile.Read(setup.Submissions[subject].Inputs.LesionProbability!);
        // Strictly above the threshold in single precision, as the original's img > 0.8 on a float32 map.
        return map.Frame(0).ToArray().Count(p => p > (float)setup.Config.Params.Wml.Threshold);
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
            Assert.Equal((1, SubjectPipeline.OutputHash(before.Stage(stage))), (after.Stage(stage).Completions, SubjectPipeline.OutputHash(after.Stage(stage))));
        Assert.Equal(2, after.Stage(StageNames.Relevance).Completions);
        Assert.Equal(2, after.Stage(StageNames.Features).Completions);
        var (was, now) = (before.Stage(StageNames.Relevance).ResultAs<RelevanceResult>(), after.Stage(StageNames.Relevance).ResultAs<RelevanceResult>());
        Assert.Equal("lrp.epsilon", now.Analyzer);
        Assert.NotEqual(was.Model(Model)!.Map, now.Model(Model)!.Map);
    }
}
