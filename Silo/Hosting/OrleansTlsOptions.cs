namespace WealthActors.Silo.Hosting;

/// <summary>
/// Configuration section <c>Orleans:Tls</c>. With a certificate, every silo-to-silo and gateway connection is TLS and
/// both ends must present a certificate the other trusts: the cluster's own (every silo and external client uses the
/// same one) or one whose thumbprint is listed, for a rotation or for clients with certificates of their own.
/// </summary>
public sealed class OrleansTlsOptions
{
    /// <summary>A PKCS#12 (.pfx) file with the private key; relative to the content root. Empty: no TLS.</summary>
    public string? CertificatePath { get; set; }

    public string? Password { get; set; }

    /// <summary>SHA-1 thumbprints (hexadecimal) of further certificates accepted from the other end.</summary>
    public string[] AllowedThumbprints { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
