using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Integration.Tests.TestGrains;
using RelevanceRelated.Silo;

namespace RelevanceRelated.Integration.Tests.Tls;

/// <summary>Silos and a client on PostgreSQL clustering with TLS on, sharing one self-signed cluster certificate.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TlsClusterTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>
{
    private const string PasswordVariable = "RR_TEST_TLS_PFX_PASSWORD";
    private static readonly X509Certificate2 ClusterCertificate = TestCertificates.Create("relevancerelated-cluster");

    private static string CertificateFile()
    {
        var password = $"p{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(PasswordVariable, password);
        return TestCertificates.WritePfx(ClusterCertificate, password);
    }

    private ClusterSettings TlsSilo(string cluster, string name, string certificateFile) => new()
    {
        Mode = ClusterMode.Postgres,
        ConnectionString = database.ConnectionString,
        ClusterId = cluster,
        ServiceId = cluster,
        SiloName = name,
        AdvertisedAddress = System.Net.IPAddress.Loopback,
        SiloPort = TestSilo.FreePort(),
        GatewayPort = TestSilo.FreePort(),
        HealthPort = 0,
        Accelerator = "cpu",
        Tls = true,
        TlsCertificate = certificateFile,
        TlsCertificatePasswordEnv = PasswordVariable,
    };

    [Fact]
    public async Task Two_silos_and_a_client_form_a_cluster_over_TLS()
    {
        var cluster = $"t{Guid.NewGuid():N}"[..12];
        var certificateFile = CertificateFile();
        await using var a = await TestSilo.StartAsync(TlsSilo(cluster, "tls-a", certificateFile));
        await using var b = await TestSilo.StartAsync(TlsSilo(cluster, "tls-b", certificateFile));

        await WaitForActiveSilos(a, 2);
        await WaitForActiveSilos(b, 2);
        using var client = await StartTlsClientAsync(cluster);
        var counter = client.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("over-tls");
        await counter.Set(11, "encrypted");

        Assert.Equal(11, (await counter.Get()).Value);
        Assert.Equal(11, (await b.Grains.GetGrain<ICounterGrain>("over-tls").Get()).Value);
        Assert.Equal(11, (await a.Grains.GetGrain<ICounterGrain>("over-tls").Get()).Value);
        await client.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_gateway_completes_a_TLS_handshake_with_the_cluster_certificate_and_refuses_another()
    {
        var cluster = $"t{Guid.NewGuid():N}"[..12];
        await using var silo = await TestSilo.StartAsync(TlsSilo(cluster, "tls-gw", CertificateFile()));

        var presented = await HandshakeAsync(silo.Settings.GatewayPort, ClusterCertificate);
        var refused = await RejectedAsync(silo.Settings.GatewayPort, TestCertificates.Create("intruder"));

        Assert.True(ClusterTls.IsClusterCertificate(presented, ClusterCertificate));
        Assert.True(refused, "the gateway accepted a client certificate other than the cluster certificate");
    }

    [Fact]
    public void Only_the_cluster_certificate_itself_is_accepted_from_a_peer()
    {
        var sameSubjectOtherKey = TestCertificates.Create("relevancerelated-cluster");

        Assert.True(ClusterTls.IsClusterCertificate(X509CertificateLoader.LoadCertificate(ClusterCertificate.RawData), ClusterCertificate));
        Assert.False(ClusterTls.IsClusterCertificate(sameSubjectOtherKey, ClusterCertificate));
        Assert.False(ClusterTls.IsClusterCertificate(null, ClusterCertificate));
    }

    /// <summary>TLS client handshake with the gateway; returns the certificate the server presented.</summary>
    private static async Task<X509Certificate2> HandshakeAsync(int port, X509Certificate2 clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = [clientCertificate],
        }, TestContext.Current.CancellationToken);
        return X509CertificateLoader.LoadCertificate(ssl.RemoteCertificate!.GetRawCertData());
    }

    /// <summary>
    /// Whether the gateway turns away <paramref name="clientCertificate"/>: the handshake fails, or (TLS 1.3, where the
    /// client certificate is checked after the client's handshake completes) the server closes the connection.
    /// An accepted connection would instead sit waiting for the Orleans preamble until the timeout.
    /// </summary>
    private static async Task<bool> RejectedAsync(int port, X509Certificate2 clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [clientCertificate],
            }, timeout.Token);
            var buffer = new byte[1];
            return await ssl.ReadAsync(buffer, timeout.Token) == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
        {
            return true;
        }
    }

    private static async Task WaitForActiveSilos(TestSilo silo, int count)
    {
        var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Silo {silo.Name} did not see {count} active silos in 30 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private async Task<IHost> StartTlsClientAsync(string cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = cluster);
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloHost.PostgresInvariant;
                o.ConnectionString = database.ConnectionString;
            });
            client.UseTls(ClusterCertificate, o => ClusterTls.Configure(o, ClusterCertificate));
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }
}
