using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Integration.Tests.TestGrains;
using RelevanceRelated.Hosting;

namespace RelevanceRelated.Integration.Tests.Tls;

/// <summary>
/// Silos and clients on PostgreSQL clustering with mutual TLS: certificates of one cluster CA, silo and console roles told
/// apart by their extended key usage, and every port that serves data closed to anyone without such a certificate.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TlsClusterTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>
{
    private const string PasswordVariable = "RR_TEST_TLS_PFX_PASSWORD";
    private static readonly X509Certificate2 Authority = TestCertificates.CreateAuthority("relevancerelated-test-ca");
    private static readonly X509Certificate2 SiloCertificate = TestCertificates.Issue(Authority, "silo", ClusterRole.Silo);
    private static readonly X509Certificate2 ConsoleCertificate = TestCertificates.Issue(Authority, "console-alice", ClusterRole.Console);
    private static readonly X509Certificate2 OtherAuthority = TestCertificates.CreateAuthority("relevancerelated-test-ca");
    private static readonly string AuthorityFile = TestCertificates.WritePem(Authority);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PfxWithPassword(X509Certificate2 certificate)
    {
        var password = $"p{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(PasswordVariable, password);
        return TestCertificates.WritePfx(certificate, password);
    }

    private ClusterSettings TlsSilo(string cluster, string name, string certificateFile, string? authorityFile, bool dashboard = false) => new()
    {
        Mode = ClusterMode.Postgres,
        ConnectionString = database.ConnectionString,
        ClusterId = cluster,
        ServiceId = cluster,
        SiloName = name,
        AdvertisedAddress = IPAddress.Loopback,
        SiloPort = TestSilo.FreePort(),
        GatewayPort = TestSilo.FreePort(),
        HealthPort = dashboard ? TestSilo.FreePort() : 0,
        Dashboard = dashboard,
        DashboardPort = TestSilo.FreePort(),
        Accelerator = "cpu",
        Tls = true,
        TlsCertificate = certificateFile,
        TlsCertificatePasswordEnv = PasswordVariable,
        TlsCa = authorityFile,
    };

    [Fact]
    public async Task Two_silos_and_a_console_with_certificates_of_one_CA_form_a_cluster()
    {
        var cluster = NewClusterId();
        var pfx = PfxWithPassword(SiloCertificate);
        await using var a = await TestSilo.StartAsync(TlsSilo(cluster, "tls-a", pfx, AuthorityFile));
        await using var b = await TestSilo.StartAsync(TlsSilo(cluster, "tls-b", PfxWithPassword(TestCertificates.Issue(Authority, "silo-b", ClusterRole.Silo)), AuthorityFile));

        await WaitForActiveSilos(a, 2);
        await WaitForActiveSilos(b, 2);
        using var client = await StartClientAsync(cluster, ConsoleCertificate);
        var counter = client.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("over-tls");
        await counter.Set(11, "encrypted");

        Assert.Equal(11, (await counter.Get()).Value);
        Assert.Equal(11, (await b.Grains.GetGrain<ICounterGrain>("over-tls").Get()).Value);
        Assert.Equal(11, (await a.Grains.GetGrain<ICounterGrain>("over-tls").Get()).Value);
        await client.StopAsync(Ct);
    }

    [Fact]
    public async Task Silos_and_a_client_sharing_one_self_signed_certificate_form_a_cluster_without_a_CA()
    {
        var cluster = NewClusterId();
        var shared = TestCertificates.Create("relevancerelated-cluster");
        var pfx = PfxWithPassword(shared);
        await using var a = await TestSilo.StartAsync(TlsSilo(cluster, "shared-a", pfx, authorityFile: null));
        await using var b = await TestSilo.StartAsync(TlsSilo(cluster, "shared-b", pfx, authorityFile: null));

        await WaitForActiveSilos(b, 2);
        using var client = await StartClientAsync(cluster, shared, trust: shared);
        await client.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("shared").Set(3, "shared");

        Assert.Equal(3, (await a.Grains.GetGrain<ICounterGrain>("shared").Get()).Value);
        await client.StopAsync(Ct);
    }

    [Fact]
    public async Task The_gateway_accepts_only_certificates_of_the_cluster_CA()
    {
        await using var silo = await TestSilo.StartAsync(TlsSilo(NewClusterId(), "tls-gw", PfxWithPassword(SiloCertificate), AuthorityFile));
        var port = silo.Settings.GatewayPort;

        Assert.True(await RefusedAsync(port, clientCertificate: null), "the gateway accepted a client without a certificate");
        Assert.True(await RefusedAsync(port, TestCertificates.Issue(OtherAuthority, "console-alice", ClusterRole.Console)), "the gateway accepted another CA's certificate");
        Assert.True(await RefusedAsync(port, TestCertificates.Create("console-alice")), "the gateway accepted a self-signed certificate");
        Assert.True(await RefusedAsync(port, TestCertificates.Issue(Authority, "expired", ClusterRole.Console, DateTimeOffset.UtcNow.AddMinutes(-1))),
            "the gateway accepted an expired certificate");
        Assert.False(await RefusedAsync(port, ConsoleCertificate), "the gateway refused a console certificate of the cluster CA");
        Assert.True(await RefusedPlainTextAsync(port), "the gateway answered a client that speaks no TLS");
    }

    [Fact]
    public async Task The_silo_port_accepts_silos_only_not_consoles()
    {
        await using var silo = await TestSilo.StartAsync(TlsSilo(NewClusterId(), "tls-silo-port", PfxWithPassword(SiloCertificate), AuthorityFile));
        var port = silo.Settings.SiloPort;

        Assert.True(await RefusedAsync(port, clientCertificate: null), "the silo port accepted a client without a certificate");
        Assert.True(await RefusedAsync(port, ConsoleCertificate), "the silo port accepted a console certificate");
        Assert.True(await RefusedAsync(port, TestCertificates.Issue(OtherAuthority, "silo", ClusterRole.Silo)), "the silo port accepted another CA's silo certificate");
        Assert.False(await RefusedAsync(port, TestCertificates.Issue(Authority, "silo-c", ClusterRole.Silo)), "the silo port refused a silo certificate of the cluster CA");
        Assert.True(await RefusedPlainTextAsync(port), "the silo port answered a client that speaks no TLS");
    }

    [Fact]
    public async Task The_dashboard_asks_for_a_cluster_certificate_and_never_streams_the_log()
    {
        await using var silo = await TestSilo.StartAsync(TlsSilo(NewClusterId(), "tls-dashboard", PfxWithPassword(SiloCertificate), AuthorityFile, dashboard: true));
        var dashboard = new Uri($"https://127.0.0.1:{silo.Settings.DashboardPort}/");

        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(dashboard, clientCertificate: null));
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(dashboard, TestCertificates.Issue(OtherAuthority, "console-alice", ClusterRole.Console)));
        await Assert.ThrowsAnyAsync<Exception>(() => GetAsync(new Uri($"http://127.0.0.1:{silo.Settings.DashboardPort}/"), clientCertificate: null));
        using var page = await GetAsync(dashboard, ConsoleCertificate);
        using var trace = await GetAsync(new Uri(dashboard, "Trace"), ConsoleCertificate);
        using var health = await new HttpClient().GetAsync($"http://127.0.0.1:{silo.Settings.HealthPort}{SiloHost.HealthPath}", Ct);

        Assert.True(page.IsSuccessStatusCode, $"dashboard page with a console certificate: {page.StatusCode}");
        Assert.Contains("Orleans", await page.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, trace.StatusCode);
        Assert.True(health.IsSuccessStatusCode, "probes reach /health without a certificate");
    }

    [Fact]
    public void A_console_certificate_cannot_start_a_silo()
    {
        var settings = TlsSilo(NewClusterId(), "not-a-silo", PfxWithPassword(ConsoleCertificate), AuthorityFile);

        var ex = Assert.Throws<InvalidInputException>(() => SiloHost.Build(settings));

        Assert.Contains("is not a silo certificate", ex.Message);
        Assert.Contains("cluster.tls_certificate", ex.Message);
    }

    [Fact]
    public void A_certificate_of_another_CA_cannot_start_a_silo()
    {
        var settings = TlsSilo(NewClusterId(), "foreign", PfxWithPassword(TestCertificates.Issue(OtherAuthority, "silo", ClusterRole.Silo)), AuthorityFile);

        var ex = Assert.Throws<InvalidInputException>(() => SiloHost.Build(settings));

        Assert.Contains("does not chain to the CA", ex.Message);
    }

    [Fact]
    public void Missing_certificate_and_CA_files_are_named()
    {
        var noPfx = TlsSilo(NewClusterId(), "no-pfx", "/no/such/silo.pfx", AuthorityFile);
        var noCa = TlsSilo(NewClusterId(), "no-ca", PfxWithPassword(SiloCertificate), "/no/such/ca.pem");

        Assert.Contains("'/no/such/silo.pfx', which does not exist", Assert.Throws<InvalidInputException>(() => SiloHost.Build(noPfx)).Message);
        Assert.Contains("'/no/such/ca.pem', which does not exist", Assert.Throws<InvalidInputException>(() => SiloHost.Build(noCa)).Message);
    }

    [Fact]
    public void Roles_are_told_apart_by_extended_key_usage_and_the_CA()
    {
        var tls = ClusterTls.Load(new ClusterSettings
        {
            Mode = ClusterMode.Postgres, ConnectionString = "Host=unused", Tls = true,
            TlsCertificate = TestCertificates.WritePfx(SiloCertificate, null), TlsCa = AuthorityFile,
        }, ClusterRole.Silo);

        Assert.True(tls.IsSilo(SiloCertificate));
        Assert.True(tls.IsMember(SiloCertificate));
        Assert.True(tls.IsMember(ConsoleCertificate));
        Assert.False(tls.IsSilo(ConsoleCertificate));
        Assert.False(tls.IsMember(TestCertificates.Issue(OtherAuthority, "console-alice", ClusterRole.Console)));
        Assert.False(tls.IsMember(Authority));
        Assert.False(tls.IsMember(null));
    }

    /// <summary>
    /// Whether the port turns a TLS client away: the handshake fails, or (TLS 1.3, where the client certificate is
    /// checked after the client's handshake completes) the server closes the connection. An accepted connection
    /// instead sits waiting for the Orleans preamble until the timeout.
    /// </summary>
    private static async Task<bool> RefusedAsync(int port, X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, Ct);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(4));
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            }, timeout.Token);
            var buffer = new byte[1];
            return await ssl.ReadAsync(buffer, timeout.Token) == 0;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
        {
            return true;
        }
    }

    /// <summary>Whether the port closes on a client that sends Orleans bytes without TLS (it never answers one).</summary>
    private static async Task<bool> RefusedPlainTextAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, Ct);
        var stream = tcp.GetStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await stream.WriteAsync(new byte[64], timeout.Token);
            var buffer = new byte[256];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                if (buffer.AsSpan(0, read).IndexOfAnyExcept((byte)0) >= 0 && buffer[0] != 0x15) return false; // anything but a TLS alert
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(Uri uri, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        return await http.GetAsync(uri, Ct);
    }

    private static string NewClusterId() => $"t{Guid.NewGuid():N}"[..12];

    private static async Task WaitForActiveSilos(TestSilo silo, int count)
    {
        var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Silo {silo.Name} did not see {count} active silos in 30 s.");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>A client as the console builds one (<see cref="ClusterTls.ConfigureClient"/>), presenting <paramref name="certificate"/>.</summary>
    private async Task<IHost> StartClientAsync(string cluster, X509Certificate2 certificate, X509Certificate2? trust = null)
    {
        var tls = ClusterTls.Load(new ClusterSettings
        {
            Mode = ClusterMode.Postgres, ConnectionString = database.ConnectionString, Tls = true,
            TlsCertificate = TestCertificates.WritePfx(certificate, null),
            TlsCa = trust is null ? AuthorityFile : null,
        }, ClusterRole.Console);
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = cluster);
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloHost.PostgresInvariant;
                o.ConnectionString = database.ConnectionString;
            });
            client.UseTls(tls.Certificate, tls.ConfigureClient);
        });
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }
}
