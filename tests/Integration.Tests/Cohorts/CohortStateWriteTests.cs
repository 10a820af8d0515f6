using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Silo;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>How often the cohort grain writes its state (it holds every member, so a write costs O(members)).</summary>
[Collection(ClusterCollection.Name)]
public sealed class CohortStateWriteTests
{
    [Fact]
    public async Task Finished_subject_reports_within_the_write_delay_are_persisted_with_one_write()
    {
        var data = new CohortTestData();
        CountingGrainStorage? storage = null;
        await using var silo = await TestSilo.StartAsync(new ClusterSettings
        {
            Mode = ClusterMode.Embedded,
            SiloName = "writes",
            SiloPort = TestSilo.FreePort(),
            GatewayPort = TestSilo.FreePort(),
            HealthPort = 0,
            Accelerator = AcceleratorMetadata.Cpu,
        }, silo =>
        {
            CohortSilos.Configure(data, concurrency: 6)(silo);
            // Longer than the cohort takes: only the submission and the all-finished write remain.
            silo.Services.Configure<CohortOptions>(o => o.StateWriteDelay = TimeSpan.FromMinutes(10));
            silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
                (services, _) => storage = ActivatorUtilities.CreateInstance<CountingGrainStorage>(services));
        });
        var cohort = silo.Grains.GetGrain<ICohortGrain>("writes");
        ImmutableArray<SubjectSubmission> subjects = [.. Enumerable.Range(1, 6).Select(i => data.Subject($"sub-{i:D2}"))];

        await cohort.Submit(subjects);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);

        Assert.Equal(6, progress.Stages[0].Done);
        Assert.NotNull(storage);
        Assert.Equal(2, storage.Writes("cohort-members", cohort.GetGrainId()));
    }
}
