using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using RelevanceRelated.Contracts.Serialization;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Hosting;

/// <summary>
/// A client connection to the cohort service, configured like a silo (<see cref="ClusterSettings"/>): the TOML
/// <c>[cluster]</c> section, overridden by the environment variables <c>RelevanceRelated__Cluster__*</c> (e.g.
/// <c>__Mode</c>, <c>__ConnectionString</c>, <c>__ClusterId</c>, <c>__GatewayPort</c>, <c>__Tls</c>, <c>__TlsCertificate</c>,
/// <c>__TlsCa</c>). With TLS on, the console presents its client certificate and accepts only silo certificates of the
/// cluster CA (<see cref="ClusterTls"/>).
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    /// <summary>How long to wait for a gateway before giving up.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The settings a client reads from <paramref name="cluster"/> and the environment.</summary>
    /// <exception cref="InvalidInputException">A value is wrong or the combination is incomplete (the message names the key).</exception>
    public static ClusterSettings Settings(ClusterSettings cluster)
    {
        var settings = ClusterSettingsOverrides.Apply(cluster, ClusterSettingsOverrides.Environment);
        settings.Validate();
        return settings;
    }

    /// <exception cref="ClusterUnavailableException">No silo answered.</exception>
    /// <exception cref="InvalidInputException">The configuration or the TLS certificate is unusable.</exception>
    /// <param name="cancellationToken">Gives up waiting for a gateway (Ctrl-C).</param>
    public static async Task<ClusterConnection> ConnectAsync(ClusterSettings cluster, CancellationToken cancellationToken = default)
    {
        var settings = Settings(cluster);
        var tls = settings.UsesTls ? ClusterTls.Load(settings, ClusterRole.Console) : null;

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            // A console verb should fail fast and say what to do, not wait for a cluster to appear.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
            if (settings.Mode == ClusterMode.Postgres)
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (SiloHost.PostgresInvariant, settings.ConnectionString));
            else
                client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
            if (tls is not null) client.UseTls(tls.Certificate, tls.ConfigureClient);
            client.Services.AddSerializer(serializer => serializer.AddAnalysisRecords());
        });
        var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host);
        }
        catch (Exception ex) when (ex is not InvalidInputException && !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var where = settings.Mode == ClusterMode.Postgres
                ? "the PostgreSQL cluster configured in [cluster].connection_string"
                : $"localhost gateway port {settings.GatewayPort}";
            var advice = settings.UsesTls
                ? " TLS is on: the silos must have it on too, and this console's certificate must be a client certificate of the cluster's CA ([cluster].tls_certificate, tls_ca)."
                : settings.Mode == ClusterMode.Postgres ? " TLS is off: if the silos use TLS, set [cluster].tls, tls_certificate (this console's client certificate) and tls_ca." : "";
            throw new ClusterUnavailableException(
                $"no cohort service is reachable ({where}: {ex.Message}).{advice} Start a silo with `dotnet run --project src/Silo` " +
                "(same configuration), or point [cluster] at a running cluster.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
