using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Hosting;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Cluster;

/// <summary>A real silo, built by the production <see cref="SiloHost"/>, hosted in the test process.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _app;
    private bool _stopped;

    private TestSilo(IHost app, ClusterSettings settings)
    {
        _app = app;
        Settings = settings;
    }

    public ClusterSettings Settings { get; }

    public string Name => Settings.SiloName!;

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => _app.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The health endpoint's base address.</summary>
    public Uri HealthBaseAddress => new($"http://127.0.0.1:{Settings.HealthPort}/");

    /// <summary>Starts a PostgreSQL-backed silo of cluster <paramref name="clusterId"/> declaring <paramref name="accelerator"/>.</summary>
    public static Task<TestSilo> StartPostgresAsync(string connectionString, string clusterId, string name,
        string accelerator = AcceleratorMetadata.Cpu, AcceleratorPolicy placement = AcceleratorPolicy.Prefer,
        Action<ISiloBuilder>? configureSilo = null) =>
        StartAsync(new ClusterSettings
        {
            Mode = ClusterMode.Postgres,
            ConnectionString = connectionString,
            ClusterId = clusterId,
            ServiceId = clusterId,
            SiloName = name,
            AdvertisedAddress = IPAddress.Loopback,
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            HealthPort = 0, // no HTTP endpoint needed
            Accelerator = accelerator,
            Placement = placement,
        }, configureSilo);

    /// <param name="configureSilo">Extra silo configuration, e.g. the cohort service and test stages.</param>
    public static async Task<TestSilo> StartAsync(ClusterSettings settings, Action<ISiloBuilder>? configureSilo = null)
    {
        var app = SiloHost.Build(settings, configureSilo: configureSilo);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestSilo(app, settings);
    }

    /// <summary>Stops the silo gracefully: it leaves the cluster and its grains deactivate.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Stops the silo abruptly, as a crash would: no graceful hand-over of grains, no leaving the cluster; the
    /// others find out by probing it.
    /// </summary>
    public async Task KillAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync(new CancellationToken(canceled: true));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_app is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else _app.Dispose();
    }

    /// <summary>Waits until this silo knows the metadata of every given silo (it is fetched after they join).</summary>
    public async Task WaitForMetadataOfAsync(params TestSilo[] silos)
    {
        var cache = _app.Services.GetRequiredService<ISiloMetadataCache>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!silos.All(s => cache.GetSiloMetadata(s.Address).Metadata.ContainsKey(AcceleratorMetadata.Key)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Silo {Name} did not learn the metadata of its peers in 30 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static int FreePort() => FreePorts.Next();
}
