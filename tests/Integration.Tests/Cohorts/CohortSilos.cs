using RelevanceRelated.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Integration.Tests.Cohorts;

/// <summary>Production silos with the cohort service, the test stages and short reminder and failure-detection periods.</summary>
public static class CohortSilos
{
    public static readonly TimeSpan RedrivePeriod = TimeSpan.FromSeconds(2);

    public static Action<ISiloBuilder> Configure(CohortTestData data, int concurrency = 0, bool slowStage = false) => silo =>
    {
        silo.AddCohortService(new PipelineOptions { DataRoot = data.DataRoot, ArtifactsRoot = data.ArtifactsRoot }, o =>
        {
            o.Concurrency = concurrency;
            o.RedrivePeriod = RedrivePeriod;
        });
        silo.Services.AddSingleton<ISubjectStage, IntensityStage>();
        silo.Services.AddSingleton<ISubjectStage, ReportStage>();
        silo.Services.AddSingleton<SiloKillSwitch>();
        if (slowStage) silo.Services.AddSingleton<ISubjectStage, SlowStage>();
        silo.Configure<ReminderOptions>(o =>
        {
            o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            o.RefreshReminderListPeriod = TimeSpan.FromSeconds(2);
        });
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        });
    };

    public static Task<TestSilo> StartEmbeddedAsync(CohortTestData data, int concurrency = 0) =>
        TestSilo.StartAsync(EmbeddedSettings("embedded"), Configure(data, concurrency));

    /// <summary>An in-memory silo on free ports, declared a CPU silo.</summary>
    public static ClusterSettings EmbeddedSettings(string name) => new()
    {
        Mode = ClusterMode.Embedded,
        SiloName = name,
        SiloPort = TestSilo.FreePort(),
        GatewayPort = TestSilo.FreePort(),
        HealthPort = 0,
        Accelerator = AcceleratorMetadata.Cpu,
    };

    /// <summary>Polls the cohort until every subject is finished under its current configuration.</summary>
    public static async Task<CohortProgress> WaitForCompletionAsync(ICohortGrain cohort, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var progress = await cohort.GetProgress();
            if (progress.Complete) return progress;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Cohort {progress.Cohort} did not complete: {string.Join(", ", progress.Stages)}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static Task<SubjectDetails> Details(IGrainFactory grains, string cohort, string subject) =>
        grains.GetGrain<ISubjectGrain>(SubjectKey.Of(cohort, subject)).GetDetails();

    public static StageRecord Stage(this SubjectDetails details, string stage) => details.Stages.Single(s => s.Stage == stage);
}
