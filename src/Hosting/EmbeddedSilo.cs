using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Stages;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Hosting;

/// <summary>
/// A silo inside the console's own process (the demo, the scale benchmark): free loopback ports, no health endpoint,
/// and only warnings from its log, which would otherwise bury the console's own lines.
/// </summary>
public static class EmbeddedSilo
{
    private const string QuietLogging = "--Logging:LogLevel:Default=Warning";

    /// <summary>A silo running the cohort service with the production stages under <paramref name="config"/>, in memory.</summary>
    public static Task<IHost> StartCohortServiceAsync(RelevanceRelatedConfig config, string name) =>
        StartAsync(new ClusterSettings { Mode = ClusterMode.Embedded, SiloName = name }, silo => silo.AddCohortService(config));

    /// <summary>Builds and starts the silo; the caller stops it (<c>StopAsync</c>) and disposes it.</summary>
    public static async Task<IHost> StartAsync(ClusterSettings settings, Action<ISiloBuilder> configure)
    {
        var host = SiloHost.Build(settings with { SiloPort = FreePort(), GatewayPort = FreePort(), HealthPort = 0 }, [QuietLogging], configure);
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
