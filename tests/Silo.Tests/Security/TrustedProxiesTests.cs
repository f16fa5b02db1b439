using System.Net;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Security;

/// <summary>
/// Behind a configured proxy the Silo takes the caller's address from <c>X-Forwarded-For</c> (for the audit trail and
/// the per-address limit); from anyone else the header is ignored. The sign-in routes are limited like the API.
/// </summary>
public sealed class TrustedProxiesTests
{
    private const string Forwarded = "203.0.113.7";

    [Fact]
    public async Task ForwardedFor_FromATrustedProxy_IsTheAuditedAddress()
    {
        await using var silo = ApiFactory.With(new Dictionary<string, string?> { ["Network:TrustedProxies:Addresses:0"] = "127.0.0.1" });

        var entry = await AuditedBranchPut(silo);

        Assert.Equal(Forwarded, entry.Str("clientAddress"));
    }

    [Fact]
    public async Task ForwardedFor_WithNoProxyConfigured_IsIgnored()
    {
        await using var silo = ApiFactory.With(new Dictionary<string, string?>());

        var entry = await AuditedBranchPut(silo);

        Assert.Equal("127.0.0.1", entry.Str("clientAddress"));
    }

    [Fact]
    public async Task AnonymousBurst_BehindAProxy_IsCountedPerForwardedAddress()
    {
        await using var silo = ApiFactory.With(new Dictionary<string, string?>
        {
            ["Network:TrustedProxies:Networks:0"] = "127.0.0.0/8",
            ["RateLimiting:Anonymous:PermitsPerSecond"] = "1",
            ["RateLimiting:Anonymous:Burst"] = "3",
        });
        var http = silo.As(null);

        var first = await Burst(http, "198.51.100.1", 6);
        var second = await Burst(http, "198.51.100.2", 3);

        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, second);
    }

    [Fact]
    public async Task SignInBurst_Gets429()
    {
        await using var silo = ApiFactory.With(new Dictionary<string, string?>
        {
            ["RateLimiting:Anonymous:PermitsPerSecond"] = "1",
            ["RateLimiting:Anonymous:Burst"] = "3",
        });
        var http = silo.As(null);

        // All at once: one after another, a slow machine would let the bucket refill between them.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ => (await http.GetAsync("/signin?returnUrl=/webchat/")).StatusCode));

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
    }

    [Theory]
    [InlineData("Network:TrustedProxies:Addresses:0", "proxy.bank.example")]
    [InlineData("Network:TrustedProxies:Networks:0", "10.0.0.0")]
    public async Task MalformedProxy_StopsTheStart(string key, string value)
    {
        await using var silo = ApiFactory.With(new Dictionary<string, string?> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => silo.As("System"));

        Assert.Contains(value, failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> AuditedBranchPut(ApiFactory silo)
    {
        var branch = $"FP{Guid.NewGuid():N}"[..12];
        var admin = silo.As("Admin");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/branches/{branch}")
        {
            Content = new StringContent("""{"name":"Proxy","headEmployeeId":"E1"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", Forwarded);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(request)).StatusCode);
        return Assert.Single(await AuditReader.Of(silo, "branch", branch));
    }

    private static async Task<List<HttpStatusCode>> Burst(HttpClient http, string forwardedFor, int count)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/complaints");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            answers.Add((await http.SendAsync(request)).StatusCode);
        }

        return answers;
    }
}
