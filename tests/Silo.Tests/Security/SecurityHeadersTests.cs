using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Security;

/// <summary>Every answer, whoever gives it, tells the browser not to sniff, not to refer and what the page may load.</summary>
[Collection(ApiCollection.Name)]
public sealed class SecurityHeadersTests(ApiFactory api)
{
    [Theory]
    [InlineData(null, "/health")]
    [InlineData(null, "/webchat/")]
    [InlineData(null, "/webchat/webchat.js")]
    [InlineData(null, "/openapi/v1.json")]
    [InlineData(null, "/api/clients/C1")]
    [InlineData("Advisor", "/api/employees/NOBODY-HERE/inbox")]
    [InlineData("Advisor", "/dashboard/")]
    [InlineData("Admin", "/dashboard/")]
    [InlineData(null, "/docs/")]
    public async Task AnyResponse_CarriesNosniffNoReferrerAndAPolicyThatForbidsFraming(string? role, string path)
    {
        var response = await api.As(role).GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_ScriptsOnlyFromTheSilo_TheReferencePageNamesItsInlineScriptByHash()
    {
        var webChat = Header(await api.As(null).GetAsync("/webchat/"), "Content-Security-Policy");
        var docs = await api.As(null).GetAsync("/docs/");
        var docsPolicy = Header(docs, "Content-Security-Policy");

        Assert.Contains("script-src 'self';", webChat, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", webChat, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", webChat, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'sha256-[A-Za-z0-9+/=]{44}';", docsPolicy);
        Assert.DoesNotContain("'unsafe-inline';", docsPolicy.Split("style-src")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar.com", await docs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpRequest_InDevelopment_HasNoHsts()
    {
        var response = await api.As(null).GetAsync("/health");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header");
}
