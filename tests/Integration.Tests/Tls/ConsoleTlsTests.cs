using RelevanceRelated.Contracts;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using RelevanceRelated.Analysis.Configuration;
using RelevanceRelated.Client;
using RelevanceRelated.Grains.Cohorts;
using RelevanceRelated.Grains.Placement;
using RelevanceRelated.Integration.Tests.Cluster;
using RelevanceRelated.Integration.Tests.Cohorts;
using RelevanceRelated.Hosting;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Tls;

/// <summary>
/// The console's cluster verbs against a TLS-enabled PostgreSQL cluster, configured only through the client's
/// <c>[cluster]</c> section (tls, tls_certificate, tls_certificate_password_env, tls_ca): the console presents its own
/// client certificate, signed by the cluster CA.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConsoleTlsTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>, IAsyncLifetime
{
    private const string PasswordVariable = "RR_TEST_CONSOLE_TLS_PASSWORD";
    private const string Cohort = "tls-cohort";
    private static readonly string Password = $"p{Guid.NewGuid():N}";
    private static readonly X509Certificate2 Authority = TestCertificates.CreateAuthority("relevancerelated-test-ca");
    private static readonly X509Certificate2 ConsoleCertificate = TestCertificates.Issue(Authority, "console-bob", ClusterRole.Console);
    private static readonly string AuthorityFile = TestCertificates.WritePem(Authority);

    private readonly string _siloCertificateFile = WritePfx(TestCertificates.Issue(Authority, "silo", ClusterRole.Silo));
    private readonly string _consoleCertificateFile = WritePfx(ConsoleCertificate);
    private TestSilo? _silo;

    public async ValueTask InitializeAsync()
    {
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
        var data = new CohortTestData();
        // The fresh database is this class's alone, so the default cluster and service ids (which the TOML cannot change) serve.
        _silo = await TestSilo.StartAsync(new ClusterSettings
        {
            Mode = ClusterMode.Postgres,
            ConnectionString = database.ConnectionString,
            SiloName = "tls-console",
            AdvertisedAddress = System.Net.IPAddress.Loopback,
            SiloPort = TestSilo.FreePort(),
            GatewayPort = TestSilo.FreePort(),
            HealthPort = 0,
            Accelerator = AcceleratorMetadata.Cpu,
            Tls = true,
            TlsCertificate = _siloCertificateFile,
            TlsCertificatePasswordEnv = PasswordVariable,
            TlsCa = AuthorityFile,
        }, CohortSilos.Configure(data));
        await _silo.Grains.GetGrain<ICohortGrain>(Cohort).Submit([data.Subject("sub-1")]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
    }

    [Fact]
    public void The_console_reads_a_TLS_cluster_s_status_with_its_client_certificate()
    {
        var (code, output, error) = Console(ClientConfig(tls: true, _consoleCertificateFile, AuthorityFile), "status", Cohort, "--json");

        Assert.True(code == ExitCodes.Success, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(Cohort, json.RootElement.GetProperty("cohort").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("subjects").GetInt32());
    }

    [Fact]
    public void A_console_without_TLS_is_turned_away_and_told_why()
    {
        var (code, output, error) = Console(ClientConfig(tls: false, certificate: null, authority: null), "status", Cohort, "--json");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("no cohort service is reachable", error);
        Assert.Contains("TLS is off", error);
        Assert.Empty(output);
    }

    [Fact]
    public void A_console_with_a_certificate_of_another_CA_is_refused()
    {
        var otherAuthority = TestCertificates.CreateAuthority("relevancerelated-test-ca");
        var intruder = WritePfx(TestCertificates.Issue(otherAuthority, "console-bob", ClusterRole.Console));

        var (code, _, error) = Console(ClientConfig(tls: true, intruder, TestCertificates.WritePem(otherAuthority)), "status", Cohort, "--json");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("no cohort service is reachable", error);
    }

    [Fact]
    public void A_console_certificate_that_its_CA_did_not_sign_is_bad_input_naming_the_key()
    {
        var foreign = WritePfx(TestCertificates.Issue(TestCertificates.CreateAuthority("elsewhere"), "console-bob", ClusterRole.Console));

        var (code, _, error) = Console(ClientConfig(tls: true, foreign, AuthorityFile), "status", Cohort);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("cluster.tls_certificate", error);
        Assert.Contains("does not chain to the CA", error);
    }

    [Fact]
    public void A_wrong_certificate_password_is_bad_input_naming_the_key()
    {
        var other = TestCertificates.WritePfx(ConsoleCertificate, "not-the-password");

        var (code, _, error) = Console(ClientConfig(tls: true, other, AuthorityFile), "status", Cohort);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("TlsCertificate", error);
    }

    private static string WritePfx(X509Certificate2 certificate) => TestCertificates.WritePfx(certificate, Password);

    private string ClientConfig(bool tls, string? certificate, string? authority)
    {
        var path = Path.Combine(TestData.NewTempDirectory("rr-tls-client"), "client.config.toml");
        File.WriteAllText(path, $"""
            [cluster]
            mode = "postgres"
            connection_string = "{database.ConnectionString}"
            tls = {(tls ? "true" : "false")}
            tls_certificate = "{certificate ?? ""}"
            tls_certificate_password_env = "{(tls ? PasswordVariable : "")}"
            tls_ca = "{authority ?? ""}"
            """);
        return path;
    }

    private static (int Code, string Output, string Error) Console(string clientConfig, params string[] arguments)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = CommandRunner.Run(ConsoleCommands.CreateRoot(),
            ["--config-dir", Path.Combine(TestData.RepositoryRoot, "configs"), "--config", clientConfig, .. arguments], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
