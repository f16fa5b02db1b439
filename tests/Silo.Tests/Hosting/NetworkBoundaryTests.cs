using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using WealthActors.Silo.Hosting;

namespace WealthActors.Silo.Tests.Hosting;

/// <summary>The gateway stays on loopback unless opened, and TLS settings that cannot work stop the Silo at start.</summary>
public sealed class NetworkBoundaryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wealthactors-boundary-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void GatewayListenAddress_NothingConfigured_IsLoopback()
    {
        var options = OrleansOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Other silos may be accepted on every interface; the gateway still is not.
            ["Orleans:ListenOnAnyAddress"] = "true",
        }).Build());

        Assert.Equal(IPAddress.Loopback, ClusteringHostingExtensions.GatewayListenAddress(options));
    }

    [Theory]
    [InlineData("Orleans:GatewayListenOnAnyAddress", "true", "0.0.0.0")]
    [InlineData("Orleans:GatewayListenAddress", "10.1.2.3", "10.1.2.3")]
    public void GatewayListenAddress_Opened_IsWhatWasAskedFor(string key, string value, string expected)
    {
        var options = OrleansOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());

        Assert.Equal(IPAddress.Parse(expected), ClusteringHostingExtensions.GatewayListenAddress(options));
    }

    [Fact]
    public void GatewayListenAddress_NotAnAddress_NamesTheKey()
    {
        var options = new OrleansOptions { GatewayListenAddress = "gateway.example" };

        var error = Assert.Throws<InvalidOperationException>(() => ClusteringHostingExtensions.GatewayListenAddress(options));
        Assert.Contains("Orleans:GatewayListenAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCertificate_MissingFileOrWrongPassword_NamesTheKey()
    {
        var pfx = Path.Combine(_folder, "cluster.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "right"));
        }

        var missing = Assert.Throws<InvalidOperationException>(() => OrleansTls.Load(new OrleansTlsOptions { CertificatePath = "nowhere.pfx" }, _folder));
        var wrong = Assert.Throws<InvalidOperationException>(() => OrleansTls.Load(new OrleansTlsOptions { CertificatePath = "cluster.pfx", Password = "wrong" }, _folder));
        using var loaded = OrleansTls.Load(new OrleansTlsOptions { CertificatePath = "cluster.pfx", Password = "right" }, _folder);

        Assert.Contains("Orleans:Tls:CertificatePath", missing.Message, StringComparison.Ordinal);
        Assert.Contains("Orleans:Tls:CertificatePath", wrong.Message, StringComparison.Ordinal);
        Assert.True(loaded.HasPrivateKey);
    }
}
