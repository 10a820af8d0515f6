using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Inference;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Integration.Tests.Cluster;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// The model-heavy stages run in inference grains, placed by the accelerator filter: a real simulated cohort on three
/// PostgreSQL-backed silos, counted with Orleans' management grain (which activations live where).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InferencePlacementTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>
{
    // The management grain names grain classes as RuntimeTypeNameFormatter does: full name, assembly name.
    private static readonly string InferenceGrainType = $"{typeof(InferenceGrain).FullName},{typeof(InferenceGrain).Assembly.GetName().Name}";

    private static string NewClusterId() => $"i{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Under_require_every_inference_activation_of_a_cohort_lands_on_the_gpu_silo()
    {
        var cohortData = AnalysisCohort.Create(subjects: 3);
        var cluster = NewClusterId();
        await using var cpuA = await cohortData.StartPostgresAsync(database.ConnectionString, cluster, "cpu-a", AcceleratorMetadata.Cpu, AcceleratorPolicy.Require);
        await using var gpu = await cohortData.StartPostgresAsync(database.ConnectionString, cluster, "gpu-b", AcceleratorMetadata.Gpu, AcceleratorPolicy.Require);
        await using var cpuC = await cohortData.StartPostgresAsync(database.ConnectionString, cluster, "cpu-c", AcceleratorMetadata.Cpu, AcceleratorPolicy.Require);
        TestSilo[] silos = [cpuA, gpu, cpuC];
        foreach (var silo in silos) await silo.WaitForMetadataOfAsync(silos);
        var cohort = cpuA.Grains.GetGrain<ICohortGrain>("gpu-cohort");

        await cohort.Submit(cohortData.Submissions);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(3));

        Assert.All(progress.Stages, s => Assert.Equal(new StageProgress(s.Stage, 0, 0, 3, 0), s));
        var activations = await InferenceActivationsAsync(cpuA);
        Assert.Equal(3, activations.Count);
        Assert.All(activations, a => Assert.Equal(gpu.Address, a.SiloAddress));
    }

    [Fact]
    public async Task Under_prefer_without_a_gpu_silo_the_cohort_still_completes_on_cpu_silos()
    {
        var cohortData = AnalysisCohort.Create(subjects: 2);
        var cluster = NewClusterId();
        await using var a = await cohortData.StartPostgresAsync(database.ConnectionString, cluster, "cpu-a", AcceleratorMetadata.Cpu, AcceleratorPolicy.Prefer);
        await using var b = await cohortData.StartPostgresAsync(database.ConnectionString, cluster, "cpu-b", AcceleratorMetadata.Cpu, AcceleratorPolicy.Prefer);
        await a.WaitForMetadataOfAsync(a, b);
        var cohort = a.Grains.GetGrain<ICohortGrain>("cpu-cohort");

        await cohort.Submit(cohortData.Submissions);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(3));

        Assert.All(progress.Stages, s => Assert.Equal(new StageProgress(s.Stage, 0, 0, 2, 0), s));
        Assert.Equal(2, (await InferenceActivationsAsync(a)).Count);
    }

    [Fact]
    public async Task Under_require_without_a_gpu_silo_the_model_stages_fail_with_the_placement_reason()
    {
        var cohortData = AnalysisCohort.Create(subjects: 1);
        await using var silo = await cohortData.StartPostgresAsync(database.ConnectionString, NewClusterId(), "cpu-only", AcceleratorMetadata.Cpu, AcceleratorPolicy.Require);
        await silo.WaitForMetadataOfAsync(silo);
        var cohort = silo.Grains.GetGrain<ICohortGrain>("no-gpu");

        await cohort.Submit(cohortData.Submissions);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort, TimeSpan.FromMinutes(2));

        Assert.Equal(1, progress.Stages.Single(s => s.Stage == StageNames.Ingest).Done);
        var details = await CohortSilos.Details(silo.Grains, "no-gpu", cohortData.Submissions[0].SubjectId);
        var pvs = details.Stage(StageNames.Pvs);
        Assert.Equal(StageStatus.Failed, pvs.Status);
        Assert.Contains("hardware.accelerator=gpu", pvs.LastError);
        Assert.Contains("'require'", pvs.LastError);
    }

    private static async Task<List<DetailedGrainStatistic>> InferenceActivationsAsync(TestSilo silo)
    {
        var management = silo.Grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var inference = statistics.Where(s => s.GrainType == InferenceGrainType).ToList();
        Assert.True(inference.Count > 0, $"No {InferenceGrainType} activation among: {string.Join("; ", statistics.Select(s => s.GrainType).Distinct())}");
        return inference;
    }
}
