using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using RelevanceRelated.Analysis;

namespace RelevanceRelated.Silo;

/// <summary>
/// Transport security for the cluster: every silo and client presents the one cluster certificate (a PFX shared as
/// a secret) and accepts exactly that certificate from its peers. Pinning the certificate, rather than trusting a
/// public chain, keeps outsiders with some other valid certificate out; silos are reached by IP, so host names
/// are not checked.
/// </summary>
public static class ClusterTls
{
    /// <summary>Loads the PFX named by the settings, its password taken from the environment variable they name.</summary>
    /// <exception cref="InvalidInputException">The file, the password variable or the certificate is unusable.</exception>
    public static X509Certificate2 LoadCertificate(ClusterSettings settings)
    {
        var path = settings.TlsCertificate
            ?? throw new InvalidInputException($"{ClusterSettings.Section}:{ClusterSettings.Keys.TlsCertificate} is required when TLS is on.");
        string? password = null;
        if (settings.TlsCertificatePasswordEnv is { } variable)
            password = Environment.GetEnvironmentVariable(variable)
                ?? throw new InvalidInputException(
                    $"{ClusterSettings.Section}:{ClusterSettings.Keys.TlsCertificatePasswordEnv} names the environment variable '{variable}', which is not set.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidInputException(
                $"{ClusterSettings.Section}:{ClusterSettings.Keys.TlsCertificate} '{path}' could not be read as a PKCS#12/PFX file (wrong password?): {ex.Message}");
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidInputException(
                $"{ClusterSettings.Section}:{ClusterSettings.Keys.TlsCertificate} '{path}' holds no private key; expected the cluster certificate with its key.");
        return certificate;
    }

    /// <summary>Present <paramref name="certificate"/>, require one from every peer, accept only the same certificate.</summary>
    public static void Configure(TlsOptions options, X509Certificate2 certificate)
    {
        options.LocalCertificate = certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) => IsClusterCertificate(remote, certificate);
    }

    /// <summary>Whether <paramref name="remote"/> is the cluster certificate (same DER bytes, so same public key).</summary>
    public static bool IsClusterCertificate(X509Certificate2? remote, X509Certificate2 cluster) =>
        remote is not null && remote.RawDataMemory.Span.SequenceEqual(cluster.RawDataMemory.Span);
}
