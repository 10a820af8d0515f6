using RelevanceRelated.Hosting.Persistence;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Hosting;
using RelevanceRelated.Contracts;
using RelevanceRelated.Grains.Persistence;
using RelevanceRelated.Grains.Stages;

namespace RelevanceRelated.Hosting.Benchmarks;

/// <summary>
/// Drives a cohort of any size through the real grains and persistence (in memory, or ADO.NET on PostgreSQL) with
/// the analysis stages replaced by <see cref="RecordedStage"/>s: it measures orchestration and bookkeeping — submitting,
/// status, state written per finished subject, statistics, memory — not imaging.
/// </summary>
public static class CohortScaleBenchmark
{
    public const string CohortName = "bench";

    /// <param name="StatusSeconds">Median latency of <c>status</c> (GetProgress) once the cohort is complete.</param>
    /// <param name="StatusMaxSeconds">The slowest status call while the cohort was running.</param>
    /// <param name="WriteBytesPerSubject">State bytes written while the subjects ran (subjects, partitions, cohort) per finished subject.</param>
    /// <param name="CohortWriteBytesPerSubject">Of those, the cohort's own and its partitions' (its bookkeeping), per finished subject.</param>
    /// <param name="CohortMemoryBytes">Managed heap after completion (every partition loaded) minus before the submission.</param>
    public sealed record Result(
        int Subjects, string Storage, int Concurrency, int Regions, double SubmitSeconds, double RunSeconds, double StatusSeconds,
        double StatusMaxSeconds, double WriteBytesPerSubject, double CohortWriteBytesPerSubject, double StatisticsSeconds, long CohortMemoryBytes);

    public static async Task<Result> RunAsync(CohortRecording recording, int subjects, int concurrency, string? postgres, TextWriter log)
    {
        if (postgres is not null) await new DatabaseInitializer(postgres).ApplyAsync();
        StateWriteCounter? counter = null;
        var scratch = Directory.CreateTempSubdirectory("rr-bench-cohort-").FullName;
        try
        {
            using var host = await EmbeddedSilo.StartAsync(new ClusterSettings
            {
                Mode = postgres is null ? ClusterMode.Embedded : ClusterMode.Postgres,
                ConnectionString = postgres,
                // A fresh cluster and service per run, so nothing of an earlier run is read back.
                ClusterId = $"bench-{Guid.NewGuid():N}"[..16],
                ServiceId = $"bench-{Guid.NewGuid():N}"[..16],
                SiloName = "bench",
                Accelerator = null,
            }, silo =>
            {
                silo.AddCohortService(new PipelineOptions { DataRoot = scratch, ArtifactsRoot = scratch }, o => o.Concurrency = concurrency, ingest: false);
                foreach (var (stage, _, dependsOn) in CohortRecording.Stages)
                    silo.Services.AddSingleton<ISubjectStage>(new RecordedStage(stage, dependsOn, recording));
                silo.Services.AddKeyedSingleton<IGrainStorage>(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (services, name) =>
                    counter = new StateWriteCounter(postgres is null
                        ? MemoryGrainStorageFactory.Create(services, (string)name!)
                        : AdoNetGrainStorageFactory.Create(services, (string)name!), services.GetRequiredService<Serializer>()));
            });
            try
            {
                return await MeasureAsync(host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICohortGrain>(CohortName), recording, subjects,
                    concurrency, postgres is null ? "memory" : "postgresql", counter!, log);
            }
            finally
            {
                await host.StopAsync();
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<Result> MeasureAsync(ICohortGrain cohort, CohortRecording recording, int subjects, int concurrency, string storage,
        StateWriteCounter counter, TextWriter log)
    {
        var submissions = recording.Submissions(subjects);

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        await cohort.SubmitInBatchesAsync(submissions);
        var submitSeconds = clock.Elapsed.TotalSeconds;
        log.WriteLine($"submitted {subjects} subjects in {submitSeconds:F2} s; running ...");
        counter.Reset();

        clock.Restart();
        var slowestStatus = 0.0;
        CohortProgress progress;
        while (true)
        {
            var (seconds, current) = await TimeAsync(cohort.GetProgress);
            slowestStatus = Math.Max(slowestStatus, seconds);
            progress = current;
            if (progress.Complete) break;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var runSeconds = clock.Elapsed.TotalSeconds;
        var finished = progress.Stages[^1].Done;
        log.WriteLine($"{finished} subjects finished in {runSeconds:F1} s");

        var statistics = await TimeAsync(cohort.GetStatistics);
        var statisticsSeconds = Median(await RepeatAsync(3, cohort.GetStatistics));
        var statusSeconds = Median(await RepeatAsync(5, cohort.GetProgress));
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var written = new[] { "subject-pipeline", "cohort-partition", "cohort-members" }.ToDictionary(n => n, n => counter.Written(n).Bytes);
        var regions = statistics.Result.Summaries.Sum(s => s.Regions.Count);
        return new Result(subjects, storage, concurrency, regions, submitSeconds, runSeconds,
            statusSeconds, slowestStatus, (double)written.Values.Sum() / finished,
            (double)(written["cohort-partition"] + written["cohort-members"]) / finished, statisticsSeconds, heapAfter - heapBefore);
    }

    private static async Task<(double Seconds, T Result)> TimeAsync<T>(Func<Task<T>> call)
    {
        var clock = Stopwatch.StartNew();
        var result = await call();
        return (clock.Elapsed.TotalSeconds, result);
    }

    private static async Task<double[]> RepeatAsync<T>(int times, Func<Task<T>> call)
    {
        var seconds = new double[times];
        for (var i = 0; i < times; i++) seconds[i] = (await TimeAsync(call)).Seconds;
        return seconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
