using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RelevanceRelated.Hosting;
using RelevanceRelated.Tests;

namespace RelevanceRelated.Integration.Tests.Tls;

/// <summary>
/// Certificates made on the spot, as an operator makes them with openssl for a private cluster
/// (scripts/local-cluster.sh): a CA, silo certificates and console certificates it signs, or one self-signed certificate.
/// </summary>
public static class TestCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A self-signed certificate with server and client authentication: the shared-certificate scheme.</summary>
    public static X509Certificate2 Create(string subject)
    {
        using var key = RSA.Create(2048);
        var request = Leaf(subject, key, ClusterRole.Silo);
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return Usable(created);
    }

    /// <summary>A cluster certificate authority (its key kept, to sign with).</summary>
    public static X509Certificate2 CreateAuthority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-10), now.AddDays(2));
        return Usable(created);
    }

    /// <summary>A certificate for <paramref name="role"/> signed by <paramref name="authority"/>.</summary>
    public static X509Certificate2 Issue(X509Certificate2 authority, string subject, ClusterRole role, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = Leaf(subject, key, role);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(12);
        using var signed = request.Create(authority, now.AddMinutes(-5), notAfter ?? now.AddDays(1), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Usable(withKey);
    }

    /// <summary>Writes <paramref name="certificate"/> with its key as a PFX in a new temporary directory (no password when null).</summary>
    public static string WritePfx(X509Certificate2 certificate, string? password)
    {
        var path = Path.Combine(TestData.NewTempDirectory("rr-tls"), "cluster.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>Writes the public certificate as PEM (what <c>tls_ca</c> names).</summary>
    public static string WritePem(X509Certificate2 certificate)
    {
        var path = Path.Combine(TestData.NewTempDirectory("rr-tls"), "ca.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }

    private static CertificateRequest Leaf(string subject, RSA key, ClusterRole role)
    {
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var usages = role == ClusterRole.Silo
            ? new OidCollection { ServerAuthentication, ClientAuthentication }
            : new OidCollection { ClientAuthentication };
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        return request;
    }

    /// <summary>Round-trip through PKCS#12 so that the private key is usable by SslStream on every platform.</summary>
    private static X509Certificate2 Usable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
}
