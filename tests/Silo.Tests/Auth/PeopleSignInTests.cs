using System.Net;
using System.Net.Http.Headers;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>People sign in with the bank's OpenID Connect provider (a real one on loopback) and act only as themselves.</summary>
[Collection(ApiCollection.Name)]
public sealed class PeopleSignInTests(ApiFactory api)
{
    [Fact]
    public async Task BearerToken_FromTheProvider_IsThePersonWithTheRolesOfTheirRecord()
    {
        var org = await PeopleOrg.Create(api);

        var me = await (await (await api.AsPerson(org.Advisor)).GetAsync("/api/me")).Json(HttpStatusCode.OK);

        Assert.Equal(org.Advisor, me.Str("employeeId"));
        Assert.Equal("Advisor", me.Str("role"));
        Assert.Equal("bearer", me.Str("door"));
        Assert.Equal(["Advisor"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task BearerToken_OfAnUnknownEmployee_Is403()
    {
        var stranger = await api.AsPerson($"X{Guid.NewGuid():N}"[..16]);

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/complaints")).StatusCode);
    }

    [Fact]
    public async Task BearerToken_OfADeactivatedEmployee_Is403FromTheNextRequest()
    {
        var org = await PeopleOrg.Create(api);
        var advisor = await api.AsPerson(org.Advisor);
        Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync("/api/me")).StatusCode);

        await (await api.As("Admin").PutJson($"/api/employees/{org.Advisor}", new
        {
            name = "陈顾问", role = "Advisor", branchId = org.Branch, managerId = org.Head, deactivated = true,
        })).Json(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, (await advisor.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task BearerToken_Tampered_Is401()
    {
        var org = await PeopleOrg.Create(api);
        var token = await ApiFactory.IdentityProvider.TokenFor(org.Advisor);
        var client = api.As(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ApiKey_IsASystemWithoutAPerson()
    {
        var me = await (await api.As("System").GetAsync("/api/me")).Json(HttpStatusCode.OK);

        Assert.Null(me["employeeId"]);
        Assert.Equal("system", me.Str("keyName"));
        Assert.Equal("api-key", me.Str("door"));
    }

    [Fact]
    public async Task Inbox_OfSomeoneElse_Is404ForAPersonButReadableByCompliance()
    {
        var org = await PeopleOrg.Create(api);

        Assert.Equal(HttpStatusCode.NotFound, (await (await api.AsPerson(org.Advisor)).GetAsync($"/api/employees/{org.Head}/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await api.AsPerson(org.Advisor)).GetAsync($"/api/employees/{org.Advisor}/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await api.AsPerson(org.Compliance)).GetAsync($"/api/employees/{org.Head}/inbox")).StatusCode);
    }

    [Fact]
    public async Task ChatIdentity_ChangedByASystemKey_Is403AndChangesNothing()
    {
        var org = await PeopleOrg.Create(api);

        var refused = await api.As("System").PutJson($"/api/employees/{org.Advisor}", new
        {
            name = "陈顾问", role = "Advisor", branchId = org.Branch, managerId = org.Head, wecomUserId = "impostor",
        });

        await refused.Problem(HttpStatusCode.Forbidden, "wecomUserId");
        var stored = await (await api.As("Admin").GetAsync($"/api/employees/{org.Advisor}")).Json(HttpStatusCode.OK);
        Assert.Null(stored["weComUserId"]);
        await (await api.As("Admin").PutJson($"/api/employees/{org.Advisor}", new
        {
            name = "陈顾问", role = "Advisor", branchId = org.Branch, managerId = org.Head, wecomUserId = "chen",
        })).Json(HttpStatusCode.OK);
    }
}
