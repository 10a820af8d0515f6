using RelevanceRelated.Contracts;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Integration.Tests.Cluster;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>Three PostgreSQL-backed silos; the one doing work is killed mid-stage and the cohort still completes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CohortFailoverTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>
{
    private const string Cohort = "failover";

    [Fact]
    public async Task Killing_the_silo_running_work_delays_the_cohort_but_every_stage_completes_exactly_once()
    {
        var data = new CohortTestData();
        var cluster = $"c{Guid.NewGuid():N}"[..12];
        var silos = new List<TestSilo>();
        try
        {
            for (var i = 0; i < 3; i++)
                silos.Add(await TestSilo.StartPostgresAsync(database.ConnectionString, cluster, $"silo-{i}",
                    configureSilo: CohortSilos.Configure(data, slowStage: true)));
            var subjects = Enumerable.Range(1, 8).Select(i => data.Subject($"sub-{i:00}")).ToImmutableArray();
            await silos[0].Grains.GetGrain<ICohortGrain>(Cohort).Submit(subjects);

            // Placement decides where subjects run; kill whichever silo runs one, and talk through a survivor.
            var victim = await SiloRunningWorkAsync([.. silos]);
            var grains = silos.First(s => s != victim).Grains;
            victim.Services.GetRequiredService<SiloKillSwitch>().Kill();
            await victim.KillAsync();
            var progress = await WaitThroughFailoverAsync(grains.GetGrain<ICohortGrain>(Cohort));

            Assert.All(progress.Stages, s => Assert.Equal(new StageProgress(s.Stage, 0, 0, subjects.Length, 0), s));
            var details = await Task.WhenAll(subjects.Select(s => CohortSilos.Details(grains, Cohort, s.SubjectId)));
            Assert.All(details, d => Assert.All(d.Stages, s => Assert.Equal((StageStatus.Done, 1), (s.Status, s.Completions))));
            // The interrupted runs were counted, and the subjects that moved kept their earlier stages, read back from PostgreSQL.
            var moved = details.Where(d => d.Stage("slow").Attempts > 1).ToList();
            Assert.NotEmpty(moved);
            Assert.All(moved, d => Assert.Equal(1, d.Stage("ingest").Attempts));
            // A row per subject, the cohort's, and its one partition's (8 members fit one).
            Assert.Equal(subjects.Length + 2L, await database.ScalarAsync<long>(
                "SELECT count(*) FROM orleans_grain_state WHERE service_id = @s AND payload IS NOT NULL", ("s", cluster)));
            // The cohort drops its re-drive reminder on the drive after the last subject finished, which may come a
            // turn (or a re-drive period) after the progress shows the cohort complete.
            var reminders = await database.ScalarAsync<long>("SELECT count(*) FROM orleans_reminders WHERE service_id = @s", ("s", cluster));
            for (var wait = 0; reminders > 0 && wait < 60; wait++)
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
                reminders = await database.ScalarAsync<long>("SELECT count(*) FROM orleans_reminders WHERE service_id = @s", ("s", cluster));
            }
            Assert.Equal(0L, reminders);
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    private static async Task<TestSilo> SiloRunningWorkAsync(params TestSilo[] candidates)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (candidates.FirstOrDefault(s => Volatile.Read(ref s.Services.GetRequiredService<SiloKillSwitch>().Running) > 0) is { } busy)
                return busy;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("No slow stage started on any silo within 60 s.");
    }

    /// <summary>Until the cluster has declared the killed silo dead, calls to grains that lived there fail; keep asking.</summary>
    private static async Task<CohortProgress> WaitThroughFailoverAsync(ICohortGrain cohort)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                return await CohortSilos.WaitForCompletionAsync(cohort, deadline - DateTime.UtcNow);
            }
            catch (Exception ex) when (ex is not TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }
    }
}
