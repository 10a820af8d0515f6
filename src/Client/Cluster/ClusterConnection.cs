using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Client.Cluster;

/// <summary>
/// A client connection to the cohort service, configured like the silo: the TOML <c>[cluster]</c> section, overridden
/// by the environment variables <c>RelevanceRelated__Cluster__Mode</c>, <c>__ConnectionString</c>, <c>__ClusterId</c>,
/// <c>__ServiceId</c> and <c>__GatewayPort</c>.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private const string Section = "RelevanceRelated:Cluster";
    private const string DefaultId = "relevancerelated";
    /// <summary>How long to wait for a gateway before giving up.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <exception cref="ClusterUnavailableException">No silo answered.</exception>
    public static async Task<ClusterConnection> ConnectAsync(ClusterConfig cluster)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([
                new($"{Section}:Mode", cluster.Mode),
                new($"{Section}:ConnectionString", cluster.ConnectionString),
                new($"{Section}:GatewayPort", cluster.GatewayPort.ToString(CultureInfo.InvariantCulture)),
            ])
            .AddEnvironmentVariables()
            .Build()
            .GetSection(Section);
        var mode = configuration["Mode"]?.Trim().ToLowerInvariant() ?? "embedded";
        var connectionString = configuration["ConnectionString"];
        var clusterId = NonEmpty(configuration["ClusterId"]) ?? DefaultId;
        var serviceId = NonEmpty(configuration["ServiceId"]) ?? DefaultId;
        if (!int.TryParse(configuration["GatewayPort"], NumberStyles.None, CultureInfo.InvariantCulture, out var gatewayPort) || gatewayPort is < 1 or > 65535)
            throw new InvalidInputException($"{Section}:GatewayPort is '{configuration["GatewayPort"]}'; expected a port from 1 to 65535.");
        if (mode == "postgres" && NonEmpty(connectionString) is null)
            throw new InvalidInputException($"[cluster].connection_string is required when [cluster].mode is 'postgres'.");
        if (mode is not ("embedded" or "postgres"))
            throw new InvalidInputException($"{Section}:Mode is '{mode}'; expected 'embedded' or 'postgres'.");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            // A console verb should fail fast and say what to do, not wait for a cluster to appear.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            if (mode == "postgres")
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            else
                client.UseLocalhostClustering(gatewayPort, serviceId, clusterId);
        });
        var host = builder.Build();
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host);
        }
        catch (Exception ex) when (ex is not InvalidInputException)
        {
            host.Dispose();
            var where = mode == "postgres" ? "the PostgreSQL cluster configured in [cluster].connection_string" : $"localhost gateway port {gatewayPort}";
            throw new ClusterUnavailableException(
                $"no cohort service is reachable ({where}: {ex.Message}). Start a silo with `dotnet run --project src/Silo` " +
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

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
