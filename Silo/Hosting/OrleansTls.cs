using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace WealthActors.Silo.Hosting;

/// <summary>
/// TLS for Orleans' own connections (Microsoft.Orleans.Connections.Security), from <c>Orleans:Tls</c>. Neither the
/// silo port nor the gateway authenticates its callers otherwise: whoever reaches them can call any grain. With TLS,
/// a connection is accepted only from a peer presenting a trusted certificate (pinned by thumbprint, not by a public
/// CA, which would let anyone holding any public certificate in).
/// </summary>
public static class OrleansTls
{
    public static ISiloBuilder UseWealthActorsTls(this ISiloBuilder silo, IConfiguration configuration, string contentRoot)
    {
        var tls = OrleansOptions.From(configuration).Tls;
        if (!tls.Enabled)
        {
            return silo;
        }

        var certificate = Load(tls, contentRoot);
        silo.UseTls(certificate, options => Apply(options, certificate, tls.AllowedThumbprints));
        return silo;
    }

    /// <summary>Both ends require a certificate and accept only the trusted ones; used by silos and external clients alike.</summary>
    public static void Apply(TlsOptions options, X509Certificate2 certificate, IEnumerable<string> allowedThumbprints)
    {
        var trusted = allowedThumbprints.Select(Normalize).Append(certificate.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Chain and host-name errors are expected for a cluster's self-issued certificate; what counts is which one it is.
        options.RemoteCertificateValidation = (remote, _, _) => remote is not null && trusted.Contains(remote.Thumbprint);
    }

    public static X509Certificate2 Load(OrleansTlsOptions tls, string contentRoot)
    {
        var path = Path.GetFullPath(tls.CertificatePath!, contentRoot);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, tls.Password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Orleans:Tls:CertificatePath: cannot read a PKCS#12 certificate from '{path}' with Orleans:Tls:Password ({ex.Message}).", ex);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"Orleans:Tls:CertificatePath: '{path}' holds no private key.");
    }

    private static string Normalize(string thumbprint) => thumbprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
}
