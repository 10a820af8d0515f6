using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// What a cohort writes: its own state only when it is created (never per subject), and each partition its
/// submission and then its finished rows in a few snapshots, so a finished subject costs a share of its partition.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CohortStateWriteTests
{
    [Fact]
    public async Task Finished_subjects_are_written_in_partition_snapshots_never_into_the_cohorts_own_state()
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
            CohortSilos.Configure(data, concurrency: 4)(silo);
            silo.Services.Configure<CohortOptions>(o => (o.PartitionCapacity, o.SnapshotShare) = (4, 0.5));
            silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
                (services, _) => storage = ActivatorUtilities.CreateInstance<CountingGrainStorage>(services));
        });
        var cohort = silo.Grains.GetGrain<ICohortGrain>("writes");
        ImmutableArray<SubjectSubmission> subjects = [.. Enumerable.Range(1, 12).Select(i => data.Subject($"sub-{i:D2}"))];

        await cohort.Submit(subjects);
        var progress = await CohortSilos.WaitForCompletionAsync(cohort);

        Assert.Equal(12, progress.Stages[0].Done);
        Assert.NotNull(storage);
        // Created with its partition count (12 / 4 = 3), then its member count: two writes, none per subject.
        Assert.Equal(2, storage.Writes("cohort-members", cohort.GetGrainId()));
        var members = 0;
        for (var p = 0; p < 3; p++)
        {
            var key = CohortPartitioning.Key("writes", 0, p);
            var partition = (await silo.Grains.GetGrain<ICohortPartitionGrain>(key).GetMembers(1)).Length;
            members += partition;
            // The submission, then a snapshot per half of the partition finished (the last when none is left unfinished).
            var writes = storage.Writes("cohort-partition", GrainId.Create("cohortpartition", key));
            if (partition == 0) Assert.Equal(0, writes);
            else Assert.InRange(writes, 2, 1 + (partition + 1) / 2 + 1);
        }
        Assert.Equal(12, members);
    }
}
