using RelevanceRelated.Contracts;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Inference;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Grains.Telemetry;

namespace RelevanceRelated.Hosting;

/// <summary>
/// Builds a silo process from <see cref="ClusterSettings"/>: clustering and storage for the mode, silo
/// metadata with the accelerator, the accelerator placement filter, the health endpoint, metrics, the optional
/// dashboard, graceful shutdown.
/// </summary>
public static class SiloHost
{
    /// <summary>The ADO.NET invariant of Npgsql, which the Orleans providers use to load the driver.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>Readiness: 200 once this silo is an active cluster member.</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness: 200 while the process answers.</summary>
    public const string AlivePath = "/alive";

    /// <summary>Prometheus scraping endpoint on the health port: Orleans' meter and ours.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The meter Orleans publishes its runtime metrics on (messaging, activations, membership, storage).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>OpenTelemetry's standard variable; when set, metrics are also pushed over OTLP to that endpoint.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Orleans' failure detection (ClusterMembershipOptions: ProbeTimeout, NumMissedProbesLimit, ...).</summary>
    public const string MembershipSection = "RelevanceRelated:Membership";

    /// <summary>Orleans' reminder service (ReminderOptions: MinimumReminderPeriod, RefreshReminderListPeriod).</summary>
    public const string RemindersSection = "RelevanceRelated:Reminders";

    /// <summary>How cohorts drive their subjects (CohortOptions: RedrivePeriod, PartitionCapacity, ...).</summary>
    public const string CohortsSection = "RelevanceRelated:Cohorts";

    /// <summary>How much model work the silo takes on at once (InferenceOptions: Slots).</summary>
    public const string InferenceSection = "RelevanceRelated:Inference";

    /// <summary>The service name in exported metrics' resource; the silo name is the instance.</summary>
    public const string TelemetryServiceName = "relevancerelated-silo";

    /// <param name="configureSilo">Extra silo configuration (tests add their own grains or services here).</param>
    /// <returns>
    /// The host; with a health port it is a web application serving <c>/health</c>, <c>/alive</c> and <c>/metrics</c>, and
    /// with the dashboard on, the dashboard on its own port.
    /// </returns>
    public static IHost Build(ClusterSettings settings, string[]? args = null, Action<ISiloBuilder>? configureSilo = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.ValidateListeners();
        var accelerator = AcceleratorDetector.Resolve(settings.Accelerator);
        var tls = settings.UsesTls ? ClusterTls.Load(settings, ClusterRole.Silo) : null;
        IHost host;
        if (settings.HealthPort == 0 && !settings.Dashboard)
        {
            var builder = Host.CreateApplicationBuilder(args ?? []);
            ConfigureSilo(builder, settings, accelerator, tls, configureSilo);
            ConfigureMetrics(builder, settings, prometheus: false);
            host = builder.Build();
        }
        else
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [] });
            ConfigureSilo(builder, settings, accelerator, tls, configureSilo);
            ConfigureMetrics(builder, settings, prometheus: settings.HealthPort != 0);
            builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("orleans-silo");
            builder.WebHost.ConfigureKestrel(k =>
            {
                if (settings.HealthPort != 0) k.Listen(settings.EffectiveHealthBindAddress, settings.HealthPort);
                // With TLS on, the dashboard speaks HTTPS and asks the browser for a cluster client certificate.
                if (settings.Dashboard)
                    k.Listen(settings.DashboardBindAddress, settings.DashboardPort, listen =>
                    {
                        if (tls is not null) listen.UseHttps(tls.DashboardHttps());
                    });
            });
            var app = builder.Build();
            if (settings.HealthPort != 0)
            {
                // /alive: the process answers (liveness). /health: the silo is an active cluster member (readiness).
                var healthPort = $"*:{settings.HealthPort}";
                app.MapGet(AlivePath, () => Results.Text("alive")).RequireHost(healthPort);
                app.MapHealthChecks(HealthPath).RequireHost(healthPort);
                app.MapPrometheusScrapingEndpoint(MetricsPath).RequireHost(healthPort);
            }
            // Only on its own port, so that exposing the health port (probes, scraping) never exposes the dashboard.
            if (settings.Dashboard) app.MapOrleansDashboard().RequireHost($"*:{settings.DashboardPort}");
            host = app;
        }
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiloHost).FullName!);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        if (settings.AllowInsecure && settings.InsecureListeners() is { Count: > 0 } insecure)
            lifetime.ApplicationStarted.Register(() => logger.LogWarning(
                "SECURITY WARNING: {Listeners} serve cohort data WITHOUT TLS on addresses other machines can reach ({Key} = true). " +
                "Anyone who reaches these ports can read and change every cohort. Turn TLS on (docs/operations.md, \"Security\").",
                string.Join(", ", insecure), ClusterSettings.Describe(ClusterSettings.Keys.AllowInsecure)));
        lifetime.ApplicationStarted.Register(() => logger.LogInformation(
            "Silo {SiloName} started in {Mode} mode; {Key}={Accelerator} ({Reason}); placement policy {Policy}; listening on {Bind}; health port {HealthPort}; TLS {Tls}; dashboard {Dashboard}.",
            settings.SiloName ?? Dns.GetHostName(), settings.Mode, AcceleratorMetadata.Key, accelerator.Accelerator,
            accelerator.Reason, settings.Placement, settings.Mode == ClusterMode.Embedded ? IPAddress.Loopback : settings.BindAddress,
            settings.HealthPort == 0 ? "off" : $"{settings.HealthPort} on {settings.EffectiveHealthBindAddress}", TlsState(settings),
            DashboardState(settings)));
        return host;
    }

    private static string DashboardState(ClusterSettings settings) =>
        !settings.Dashboard ? "off"
        : settings.UsesTls ? $"on port {settings.DashboardPort} on {settings.DashboardBindAddress} (HTTPS, client certificate required)"
        : $"on port {settings.DashboardPort} on {settings.DashboardBindAddress} (no authentication)";

    private static string TlsState(ClusterSettings settings) =>
        settings.UsesTls ? "on (mutual, cluster CA)" : settings.Tls ? "off (embedded mode stays on this machine)" : "off";

    /// <summary>
    /// Orleans' meter, ours and the .NET runtime's (GC heap, working set: memory per silo), scraped by Prometheus at <see cref="MetricsPath"/> on the health port, and pushed over
    /// OTLP when <see cref="OtlpEndpointVariable"/> is set (the exporter reads the endpoint and protocol from there).
    /// </summary>
    /// <summary>The .NET runtime's built-in meter (dotnet.gc.*, dotnet.process.memory.working_set, ...).</summary>
    private const string RuntimeMeter = "System.Runtime";

    private static void ConfigureMetrics(IHostApplicationBuilder builder, ClusterSettings settings, bool prometheus)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        if (!prometheus && !otlp) return;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(TelemetryServiceName, serviceInstanceId: settings.SiloName ?? Dns.GetHostName()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrleansMeter, StageTelemetry.MeterName, RuntimeMeter);
                // No cached scrape: readers (and the local-cluster test) want the counts of now; scrapes are seconds apart anyway.
                if (prometheus) metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp) metrics.AddOtlpExporter();
            });
    }

    private static void ConfigureSilo(IHostApplicationBuilder builder, ClusterSettings settings, AcceleratorProbe accelerator,
        ClusterTls? tls, Action<ISiloBuilder>? configureSilo)
    {
        var metadata = new Dictionary<string, string>(settings.Metadata) { [AcceleratorMetadata.Key] = accelerator.Accelerator };
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        // Tuning through configuration (e.g. RelevanceRelated__Membership__ProbeTimeout=00:00:02;
        // not under "Orleans:", whose subsections Orleans reads as provider configuration): how fast a dead silo is voted
        // out and how soon its unfinished subjects are re-driven. The defaults suit production; tests shorten them.
        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(MembershipSection));
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(RemindersSection));
        builder.Services.Configure<CohortOptions>(builder.Configuration.GetSection(CohortsSection));
        builder.Services.Configure<InferenceOptions>(builder.Configuration.GetSection(InferenceSection));
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            if (settings.SiloName is not null) silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName);
            ConfigureMode(silo, settings);
            if (tls is not null) silo.Configure<SiloConnectionOptions>(tls.ConfigureSilo);
            silo.AddAcceleratorPlacement(metadata, settings.Placement);
            // The dashboard's /Trace page streams the silo log (subject ids, paths): never served.
            if (settings.Dashboard) silo.AddDashboard(o => o.HideTrace = true);
            configureSilo?.Invoke(silo);
        });
    }

    /// <summary>
    /// Silo and gateway listen on the bind address; peers are told the advertised address, else the bind address,
    /// else (bound to every interface) the host's own address.
    /// </summary>
    private static void ConfigureEndpoints(ISiloBuilder silo, ClusterSettings settings)
    {
        var wildcard = settings.BindAddress.Equals(IPAddress.Any) || settings.BindAddress.Equals(IPAddress.IPv6Any);
        if ((settings.AdvertisedAddress ?? (wildcard ? null : settings.BindAddress)) is { } advertised)
            silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort);
        else
            silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort);
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloListeningEndpoint = new IPEndPoint(settings.BindAddress, settings.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(settings.BindAddress, settings.GatewayPort);
        });
    }

    private static void ConfigureMode(ISiloBuilder silo, ClusterSettings settings)
    {
        switch (settings.Mode)
        {
            case ClusterMode.Embedded:
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
                // Orleans' binary format, as in PostgreSQL mode: a grain that deactivates (a finished subject does) must
                // read its state back, and the default JSON serializer cannot read immutable collections inside records.
                silo.AddMemoryGrainStorageAsDefault(options => options.Configure<Serializer>((o, serializer) =>
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
                silo.UseInMemoryReminderService();
                break;
            case ClusterMode.Postgres:
                var connectionString = settings.ConnectionString!;
                ConfigureEndpoints(silo, settings);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresInvariant;
                    o.ConnectionString = connectionString;
                });
                // Grain state in Orleans' own binary format: the same version-tolerant [Id]-based contracts as grain
                // messages. The default JSON serializer cannot read back immutable collections inside records.
                silo.AddAdoNetGrainStorageAsDefault(options => options.Configure<Serializer>((o, serializer) =>
                {
                    o.Invariant = PostgresInvariant;
                    o.ConnectionString = connectionString;
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = PostgresInvariant;
                    o.ConnectionString = connectionString;
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Mode, "Unknown cluster mode.");
        }
    }
}
