using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using RelevanceRelated.Grains.Placement;

namespace RelevanceRelated.Silo;

/// <summary>
/// Builds a silo process from <see cref="ClusterSettings"/>: clustering and storage for the mode, silo
/// metadata with the accelerator, the accelerator placement filter, the health endpoint, graceful shutdown.
/// </summary>
public static class SiloHost
{
    /// <summary>The ADO.NET invariant of Npgsql, which the Orleans providers use to load the driver.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>Readiness: 200 once this silo is an active cluster member.</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness: 200 while the process answers.</summary>
    public const string AlivePath = "/alive";

    /// <param name="configureSilo">Extra silo configuration (tests add their own grains or services here).</param>
    /// <returns>The host; with a health port it is a web application serving <c>/health</c> and <c>/alive</c>.</returns>
    public static IHost Build(ClusterSettings settings, string[]? args = null, Action<ISiloBuilder>? configureSilo = null)
    {
        settings.Validate();
        var accelerator = AcceleratorDetector.Resolve(settings.Accelerator);
        var certificate = settings.UsesTls ? ClusterTls.LoadCertificate(settings) : null;
        IHost host;
        if (settings.HealthPort == 0)
        {
            var builder = Host.CreateApplicationBuilder(args ?? []);
            ConfigureSilo(builder, settings, accelerator, certificate, configureSilo);
            host = builder.Build();
        }
        else
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [] });
            ConfigureSilo(builder, settings, accelerator, certificate, configureSilo);
            builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("orleans-silo");
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Any, settings.HealthPort));
            var app = builder.Build();
            // /alive: the process answers (liveness). /health: the silo is an active cluster member (readiness).
            app.MapGet(AlivePath, () => Results.Text("alive"));
            app.MapHealthChecks(HealthPath);
            host = app;
        }
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiloHost).FullName!);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => logger.LogInformation(
            "Silo {SiloName} started in {Mode} mode; {Key}={Accelerator} ({Reason}); placement policy {Policy}; health port {HealthPort}; TLS {Tls}.",
            settings.SiloName ?? Dns.GetHostName(), settings.Mode, AcceleratorMetadata.Key, accelerator.Accelerator,
            accelerator.Reason, settings.Placement, settings.HealthPort == 0 ? "off" : settings.HealthPort, TlsState(settings)));
        return host;
    }

    private static string TlsState(ClusterSettings settings) =>
        settings.UsesTls ? "on" : settings.Tls ? "off (embedded mode stays on this machine)" : "off";

    private static void ConfigureSilo(IHostApplicationBuilder builder, ClusterSettings settings, AcceleratorProbe accelerator,
        X509Certificate2? certificate, Action<ISiloBuilder>? configureSilo)
    {
        var metadata = new Dictionary<string, string>(settings.Metadata) { [AcceleratorMetadata.Key] = accelerator.Accelerator };
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            if (settings.SiloName is not null) silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName);
            ConfigureMode(silo, settings);
            if (certificate is not null) silo.UseTls(certificate, o => ClusterTls.Configure(o, certificate));
            silo.AddAcceleratorPlacement(metadata, settings.Placement);
            configureSilo?.Invoke(silo);
        });
    }

    private static void ConfigureMode(ISiloBuilder silo, ClusterSettings settings)
    {
        switch (settings.Mode)
        {
            case ClusterMode.Embedded:
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
                silo.AddMemoryGrainStorageAsDefault();
                silo.UseInMemoryReminderService();
                break;
            case ClusterMode.Postgres:
                var connectionString = settings.ConnectionString!;
                if (settings.AdvertisedAddress is { } address)
                    silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                else
                    silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
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
