using System.Net;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>Systems' keys: configured as hashes, optionally limited to route groups.</summary>
public sealed class ApiKeyTests
{
    private const string HashedKey = "core-banking-key-only-its-hash-is-configured";
    private const string LimitedKey = "call-centre-key-limited-to-complaints";

    [Fact]
    public async Task KeyConfiguredAsItsHash_Authenticates_AndOtherKeysDoNot()
    {
        await using var api = ApiFactory.With(Settings());

        var me = await (await Client(api, HashedKey).GetAsync("/api/me")).Json(HttpStatusCode.OK);

        Assert.Equal("core", me.Str("keyName"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(api, ApiKeyEntry.Hash(HashedKey)).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task KeyLimitedToRoutes_ElsewhereIs403()
    {
        await using var api = ApiFactory.With(Settings());
        var callCentre = Client(api, LimitedKey);

        Assert.Equal(HttpStatusCode.OK, (await callCentre.GetAsync("/api/complaints")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await callCentre.GetAsync("/api/clients?q=x")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await callCentre.PutJson("/api/branches/X1", new { name = "x", headEmployeeId = "E1" })).StatusCode);
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:0123456789abcdef0123456789abcdef")]
    public void MalformedKeyHash_StopsTheSiloAtStart(string hash)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:10:Name"] = "broken", ["Auth:ApiKeys:10:KeyHash"] = hash, ["Auth:ApiKeys:10:Roles:0"] = "System",
        };
        using var api = ApiFactory.With(settings);

        var refused = Assert.ThrowsAny<Exception>(() => api.As(null));

        Assert.Contains("KeyHash", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_IsSha256InLowercaseHex()
    {
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ApiKeyEntry.Hash("hello"));
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Auth:ApiKeys:10:Name"] = "core",
        ["Auth:ApiKeys:10:KeyHash"] = ApiKeyEntry.Hash(HashedKey),
        ["Auth:ApiKeys:10:Roles:0"] = "System",
        ["Auth:ApiKeys:11:Name"] = "call-centre",
        ["Auth:ApiKeys:11:Key"] = LimitedKey,
        ["Auth:ApiKeys:11:Roles:0"] = "System",
        ["Auth:ApiKeys:11:Routes:0"] = "/api/complaints",
    };

    private static HttpClient Client(ApiFactory api, string key)
    {
        var client = api.As(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
