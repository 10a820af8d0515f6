using RelevanceRelated.Hosting.Persistence;
using System.Collections.Immutable;
using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Persistence;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>
/// PostgreSQL stopped mid-cohort under three silos (a private server, stopped with <c>pg_ctl stop</c> and started again):
/// the outage delays the work and fails none of it. Every stage of every subject ends done, completed exactly once; an
/// attempt is counted only once its start was written. Each outage length is its own class, so they run side by side.
/// </summary>
public abstract class StorageOutageTests
{
    protected static async Task AnOutageDelaysButNeverFailsWork(TimeSpan outage)
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await new DatabaseInitializer(postgres.ConnectionString).ApplyAsync();
        var data = new CohortTestData();
        var cluster = $"o{Guid.NewGuid():N}"[..12];
        var silos = new List<TestSilo>();
        try
        {
            for (var i = 0; i < 3; i++)
                silos.Add(await TestSilo.StartPostgresAsync(postgres.ConnectionString, cluster, $"silo-{i}",
                    configureSilo: CohortSilos.Configure(data, concurrency: 3, slowStage: true)));
            ImmutableArray<SubjectSubmission> subjects = [.. Enumerable.Range(1, 9).Select(i => data.Subject($"sub-{i:00}"))];
            var cohort = silos[0].Grains.GetGrain<ICohortGrain>("outage");
            await cohort.Submit(subjects);
            // Some subjects done, some mid-stage: then the database goes away.
            await WaitUntilAsync(async () => (await cohort.GetProgress()).Stages[^1].Done >= 2, TimeSpan.FromSeconds(60));

            await postgres.PauseAsync();
            await Task.Delay(outage, TestContext.Current.CancellationToken);
            await postgres.ResumeAsync();

            var progress = await CompletionAsync(cohort, TimeSpan.FromMinutes(4));
            Assert.Equal(0, progress.FailedSubjects);
            Assert.All(progress.Stages, s => Assert.Equal(new StageProgress(s.Stage, 0, 0, subjects.Length, 0), s));
            var details = await Task.WhenAll(subjects.Select(s => CohortSilos.Details(silos[0].Grains, "outage", s.SubjectId)));
            Assert.All(details, d => Assert.All(d.Stages, s => Assert.Equal((StageStatus.Done, 1, null), (s.Status, s.Completions, s.LastError))));
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    /// <summary>While the silos reconnect, a call may fail; keep asking until the cohort is complete.</summary>
    private static async Task<CohortProgress> CompletionAsync(ICohortGrain cohort, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await CohortSilos.WaitForCompletionAsync(cohort, deadline - DateTime.UtcNow);
            }
            catch (Exception ex) when (ex is not TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(1000, TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the cohort did not start its work in time");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}

public sealed class OneMinuteStorageOutageTests : StorageOutageTests
{
    [Fact]
    public Task PostgreSQL_stopped_for_60_seconds_mid_cohort_delays_the_work_and_fails_none_of_it() =>
        AnOutageDelaysButNeverFailsWork(TimeSpan.FromSeconds(60));
}

public sealed class FiveMinuteStorageOutageTests : StorageOutageTests
{
    [Fact]
    public Task PostgreSQL_stopped_for_5_minutes_mid_cohort_delays_the_work_and_fails_none_of_it() =>
        AnOutageDelaysButNeverFailsWork(TimeSpan.FromMinutes(5));
}
