using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Security;

/// <summary>
/// The Silo as an operator runs it with HTTPS: Kestrel's default certificate from configuration
/// (<c>Kestrel:Certificates:Default:Path</c>/<c>Password</c>), a self-signed one made here.
/// </summary>
public sealed class HttpsTests(ITestOutputHelper output) : IDisposable
{
    private const string Password = "test-pfx-password";

    private readonly string _folder = Directory.CreateTempSubdirectory("wealthactors-https-").FullName;

    [Fact]
    public async Task Production_OverHttps_SendsHsts_AndNotOverHttp()
    {
        using var certificate = SelfSigned();
        var pfx = Path.Combine(_folder, "silo.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, Password));
        var (httpPort, httpsPort) = (FreePort.Next(), FreePort.Next());
        var environment = new Dictionary<string, string>
        {
            ["Storage__Sqlite__Path"] = Path.Combine(_folder, "wealthactors.db"),
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Kestrel__Certificates__Default__Path"] = pfx,
            ["Kestrel__Certificates__Default__Password"] = Password,
        };

        await using var silo = await SiloProcess.Start(environment, httpPort, ["--urls", $"http://127.0.0.1:{httpPort};https://127.0.0.1:{httpsPort}"]);
        try
        {
            using var handler = new HttpClientHandler
            {
                // Only the certificate this test made is trusted.
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            };
            using var https = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            using var secure = await Get(https, new Uri($"https://127.0.0.1:{httpsPort}/health"));
            using var plain = await Get(https, new Uri($"http://127.0.0.1:{httpPort}/health"));

            Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
            Assert.Matches("max-age=[1-9][0-9]*", string.Join(", ", secure.Headers.GetValues("Strict-Transport-Security")));
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
            Assert.Equal("nosniff", string.Join(", ", secure.Headers.GetValues("X-Content-Type-Options")));
        }
        finally
        {
            output.WriteLine(silo.Output);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>
    /// Browsers are never sent HSTS for localhost or a loopback address (ASP.NET Core leaves those out, so that a
    /// developer's machine is not pinned to HTTPS), so the request names the host a deployment would be reached at.
    /// </summary>
    private static Task<HttpResponseMessage> Get(HttpClient client, Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Host = "wealthactors.example";
        return client.SendAsync(request);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=wealthactors.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("wealthactors.example");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
