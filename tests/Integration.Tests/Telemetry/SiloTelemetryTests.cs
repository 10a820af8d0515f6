using RelevanceRelated.Contracts;
using System.Net.Sockets;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Integration.Tests.Cohorts;
using RelevanceRelated.Hosting;
using RelevanceRelated.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace RelevanceRelated.Integration.Tests.Telemetry;

/// <summary>What a silo serves besides health: Prometheus metrics on the health port, and the dashboard only when asked for.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloTelemetryTests
{
    /// <summary>
    /// A stage only these tests register, so that the process-wide counters tagged with its name count their runs
    /// alone. It fails the subject named <see cref="FailingSubject"/>.
    /// </summary>
    private sealed class ProbeStage : ISubjectStage
    {
        public const string StageName = "telemetry-probe";
        public const string FailingSubject = "sub-bad";

        public string Name => StageName;

        public IReadOnlyList<string> DependsOn => [StageNames.Ingest];

        public string ConfigurationHash(CohortSettings settings) => StageHash.Of("telemetry-probe/1");

        public Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken) =>
            context.Submission.SubjectId == FailingSubject
                ? throw new InvalidInputException($"{FailingSubject} is refused by the probe stage")
                : Task.FromResult<StageResult>(new MeasuredValue(1));
    }

    private static ClusterSettings Embedded(bool dashboard = false) => new()
    {
        Mode = ClusterMode.Embedded,
        SiloName = "telemetry",
        SiloPort = TestSilo.FreePort(),
        GatewayPort = TestSilo.FreePort(),
        HealthPort = TestSilo.FreePort(),
        Accelerator = AcceleratorMetadata.Cpu,
        Dashboard = dashboard,
        DashboardPort = TestSilo.FreePort(),
    };

    [Fact]
    public async Task The_metrics_endpoint_serves_stage_counters_durations_and_Orleans_metrics_after_a_run()
    {
        var data = new CohortTestData();
        await using var silo = await TestSilo.StartAsync(Embedded(), s =>
        {
            CohortSilos.Configure(data)(s);
            s.Services.AddSingleton<ISubjectStage, ProbeStage>();
        });
        var cohort = silo.Grains.GetGrain<ICohortGrain>($"telemetry-{Guid.NewGuid():N}");
        await cohort.Submit([data.Subject("sub-1"), data.Subject("sub-2"), data.Subject(ProbeStage.FailingSubject)]);
        await CohortSilos.WaitForCompletionAsync(cohort);

        using var http = new HttpClient { BaseAddress = silo.HealthBaseAddress };
        var response = await http.GetAsync(SiloHost.MetricsPath, TestContext.Current.CancellationToken);
        var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(3, PrometheusText.Stage(metrics, PrometheusText.StartedTotal, ProbeStage.StageName));
        Assert.Equal(2, PrometheusText.Stage(metrics, PrometheusText.DoneTotal, ProbeStage.StageName));
        Assert.Equal(1, PrometheusText.Stage(metrics, PrometheusText.FailedTotal, ProbeStage.StageName));
        Assert.Equal(3, PrometheusText.Stage(metrics, PrometheusText.DurationCount, ProbeStage.StageName));
        Assert.Equal(0, PrometheusText.StagesInProgress(metrics)[ProbeStage.StageName]);
        Assert.Contains(metrics, s => s.Name.StartsWith("orleans_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_open_metrics_endpoint_names_no_cohort_subject_or_path()
    {
        var data = new CohortTestData();
        const string cohortName = "cohort-private-7f3a";
        string[] ids = ["sub-private-91c2", ProbeStage.FailingSubject];
        await using var silo = await TestSilo.StartAsync(Embedded(), s =>
        {
            CohortSilos.Configure(data)(s);
            s.Services.AddSingleton<ISubjectStage, ProbeStage>();
        });
        var cohort = silo.Grains.GetGrain<ICohortGrain>(cohortName);
        await cohort.Submit([.. ids.Select(id => data.Subject(id))]);
        await CohortSilos.WaitForCompletionAsync(cohort);

        using var http = new HttpClient { BaseAddress = silo.HealthBaseAddress };
        var text = await http.GetStringAsync(SiloHost.MetricsPath, TestContext.Current.CancellationToken);

        Assert.Contains(ProbeStage.StageName, text);
        Assert.DoesNotContain(cohortName, text);
        Assert.All(ids, id => Assert.DoesNotContain(id, text));
        Assert.DoesNotContain(data.DataRoot, text);
        Assert.DoesNotContain(data.ArtifactsRoot, text);
    }

    [Fact]
    public void The_dashboard_is_off_by_default_and_in_the_shipped_configuration()
    {
        var shipped = ConfigurationLoader.Load(Path.Combine(TestData.RepositoryRoot, "configs")).Config.Cluster;

        Assert.False(new ClusterSettings().Dashboard);
        Assert.False(shipped.Dashboard);
    }

    [Fact]
    public async Task A_silo_without_the_dashboard_serves_nothing_on_the_dashboard_port()
    {
        var settings = Embedded(dashboard: false);
        await using var silo = await TestSilo.StartAsync(settings);

        using var http = new HttpClient();
        var root = await http.GetAsync($"http://127.0.0.1:{settings.HealthPort}/", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, root.StatusCode);
        await Assert.ThrowsAsync<SocketException>(async () =>
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, settings.DashboardPort, TestContext.Current.CancellationToken);
        });
    }

    [Fact]
    public async Task A_silo_configured_with_the_dashboard_serves_it_on_its_own_port_only()
    {
        var settings = Embedded(dashboard: true);
        await using var silo = await TestSilo.StartAsync(settings);

        using var http = new HttpClient();
        var page = await http.GetAsync($"http://127.0.0.1:{settings.DashboardPort}/", TestContext.Current.CancellationToken);
        var onHealthPort = await http.GetAsync($"http://127.0.0.1:{settings.HealthPort}/", TestContext.Current.CancellationToken);
        var health = await http.GetAsync($"http://127.0.0.1:{settings.HealthPort}{SiloHost.HealthPath}", TestContext.Current.CancellationToken);

        Assert.True(page.IsSuccessStatusCode, $"dashboard page: {page.StatusCode}");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Orleans", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, onHealthPort.StatusCode);
        Assert.True(health.IsSuccessStatusCode);
    }
}
