using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Orleans.Configuration;
using Orleans.Connections.Security;
using RelevanceRelated.Analysis;
using RelevanceRelated.Analysis.Configuration;

namespace RelevanceRelated.Hosting;

/// <summary>
/// Mutual TLS for the cluster, with a private certificate authority (<c>[cluster] tls_ca</c>) as the only trust anchor:
/// every connection needs a certificate that chains to it, and the certificate's extended key usage says who holds it.
/// A <b>silo</b> certificate carries server and client authentication (silos accept connections and open them to each
/// other); a <b>console</b> certificate carries client authentication only. Silo ports accept silos only; gateways and
/// the dashboard accept silos and consoles. Public certificate authorities are never trusted, so a certificate from
/// anywhere else is refused; silos are reached by IP, so host names are not checked. Without <c>tls_ca</c> the own
/// certificate is the anchor: one self-signed certificate with both usages, shared by every silo and console.
/// </summary>
public sealed class ClusterTls
{
    /// <summary>Extended key usage "TLS web server authentication": a silo's certificate.</summary>
    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    /// <summary>Extended key usage "TLS web client authentication": every certificate that may open a connection.</summary>
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private readonly X509Certificate2Collection _authorities;

    private ClusterTls(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        _authorities = authorities;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// Loads this process's PFX (password from the environment variable the settings name) and the CA it trusts,
    /// and checks that the certificate chains to that CA and carries the usages of <paramref name="role"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">A file, the password variable or a certificate is unusable; the message names the key.</exception>
    public static ClusterTls Load(ClusterSettings settings, ClusterRole role)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var certificateKey = ClusterSettings.Describe(ClusterSettings.Keys.TlsCertificate);
        var path = settings.TlsCertificate ?? throw new InvalidInputException($"{certificateKey} is required when TLS is on.");
        if (!File.Exists(path))
            throw new InvalidInputException($"{certificateKey} is '{path}', which does not exist; expected a PKCS#12/PFX file.");
        string? password = null;
        if (settings.TlsCertificatePasswordEnv is { } variable)
            password = Environment.GetEnvironmentVariable(variable)
                ?? throw new InvalidInputException(
                    $"{ClusterSettings.Describe(ClusterSettings.Keys.TlsCertificatePasswordEnv)} names the environment variable '{variable}', which is not set.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidInputException($"{certificateKey} '{path}' could not be read as a PKCS#12/PFX file (wrong password?): {ex.Message}");
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidInputException($"{certificateKey} '{path}' holds no private key; expected this process's certificate with its key.");

        var authorities = settings.TlsCa is { } caPath ? LoadAuthorities(caPath) : [certificate];
        var tls = new ClusterTls(certificate, authorities);
        var anchor = settings.TlsCa is null
            ? $"itself ({ClusterSettings.Describe(ClusterSettings.Keys.TlsCa)} is not set, so the certificate must be self-signed and shared)"
            : $"the CA in '{settings.TlsCa}'";
        if (!tls.ChainsToAuthority(certificate))
            throw new InvalidInputException($"{certificateKey} '{path}' ({certificate.Subject}) is not valid now or does not chain to {anchor}.");
        if (role == ClusterRole.Silo ? !tls.IsSilo(certificate) : !tls.IsMember(certificate))
            throw new InvalidInputException(role == ClusterRole.Silo
                ? $"{certificateKey} '{path}' ({certificate.Subject}) is not a silo certificate: a silo needs the extended key usages server and client authentication (a console's certificate has client authentication only)."
                : $"{certificateKey} '{path}' ({certificate.Subject}) lacks the extended key usage client authentication, which a console's certificate needs.");
        return tls;
    }

    /// <summary>A silo: chains to the cluster CA and carries server authentication.</summary>
    public bool IsSilo(X509Certificate2? remote) =>
        remote is not null && HasUsage(remote, ServerAuthentication) && HasUsage(remote, ClientAuthentication) && ChainsToAuthority(remote);

    /// <summary>A silo or a console: chains to the cluster CA and carries client authentication.</summary>
    public bool IsMember(X509Certificate2? remote) =>
        remote is not null && HasUsage(remote, ClientAuthentication) && ChainsToAuthority(remote);

    /// <summary>Silo ports accept silos only; gateways accept silos and consoles; outgoing connections must reach a silo.</summary>
    public void ConfigureSilo(SiloConnectionOptions connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        connections.ConfigureSiloInboundConnection(c => c.UseServerTls(Options(IsSilo)));
        connections.ConfigureGatewayInboundConnection(c => c.UseServerTls(Options(IsMember)));
        connections.ConfigureSiloOutboundConnection(c => c.UseClientTls(Options(IsSilo)));
    }

    /// <summary>A console's connections to the gateways: present the console certificate, accept only silos.</summary>
    public void ConfigureClient(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Configure(options, IsSilo);
    }

    /// <summary>HTTPS for the dashboard: the silo's certificate, and a member's client certificate required from the browser.</summary>
    public HttpsConnectionAdapterOptions DashboardHttps() => new()
    {
        ServerCertificate = Certificate,
        ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate,
        ClientCertificateValidation = (remote, _, _) => IsMember(remote),
        SslProtocols = Protocols,
    };

    private TlsOptions Options(Func<X509Certificate2?, bool> accept)
    {
        var options = new TlsOptions();
        Configure(options, accept);
        return options;
    }

    private void Configure(TlsOptions options, Func<X509Certificate2?, bool> accept)
    {
        options.LocalCertificate = Certificate;
        options.SslProtocols = Protocols;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Our own chain check replaces the platform's, which would consult the system's public roots.
        options.RemoteCertificateValidation = (remote, _, _) => accept(remote);
    }

    private bool ChainsToAuthority(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // A private CA publishes no revocation lists; revoke by replacing the CA or keep console certificates short-lived.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>Whether the certificate names <paramref name="usage"/> explicitly (a certificate without the extension is refused, not taken as "any use").</summary>
    private static bool HasUsage(X509Certificate2 certificate, Oid usage) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == usage.Value));

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var key = ClusterSettings.Describe(ClusterSettings.Keys.TlsCa);
        if (!File.Exists(path))
            throw new InvalidInputException($"{key} is '{path}', which does not exist; expected the cluster CA's certificate (PEM or DER).");
        var authorities = new X509Certificate2Collection();
        try
        {
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)) authorities.ImportFromPem(text);
            else authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{key} '{path}' could not be read as a certificate (PEM or DER): {ex.Message}");
        }
        return authorities.Count > 0 ? authorities : throw new InvalidInputException($"{key} '{path}' holds no certificate; expected the cluster CA's certificate (PEM).");
    }
}
