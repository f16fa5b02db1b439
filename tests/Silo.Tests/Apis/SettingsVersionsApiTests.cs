using System.Net;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

/// <summary>The version history of SLA policies and business calendars: every save kept whole, with who saved it and when.</summary>
[Collection(ApiCollection.Name)]
public sealed class SettingsVersionsApiTests(ApiFactory api)
{
    private static object Policy(string firstResponse) => new
    {
        name = "History test", match = new { categories = new[] { "history-test" } }, priority = 5, clock = "Calendar",
        firstResponse, resolution = "P5D", warnAt = 0.8,
        escalations = new[] { new { after = "PT4H", toRole = "BranchHead", action = "Notify" } },
    };

    [Fact]
    public async Task SlaPolicyVersions_TwoSaves_NewestFirstWithEachSaverAndContent()
    {
        var id = $"h{Guid.NewGuid():N}"[..10];
        var org = await PeopleOrg.Create(api);
        var admin = $"{org.Branch}-AD";
        await (await api.As("Admin").PutJson($"/api/employees/{admin}", new { name = "管理员", role = "Admin", branchId = org.Branch })).Json(HttpStatusCode.OK);
        await (await api.As("Admin").PutJson($"/api/sla-policies/{id}", Policy("PT30M"))).Json(HttpStatusCode.OK);
        using var person = await api.AsPerson(admin);
        await (await person.PutJson($"/api/sla-policies/{id}", Policy("PT45M"))).Json(HttpStatusCode.OK);

        using var compliance = await api.AsPerson(org.Compliance);
        var versions = (await (await compliance.GetAsync($"/api/sla-policies/{id}/versions")).Json(HttpStatusCode.OK)).AsArray();

        Assert.Equal([2, 1], versions.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal((admin, "Employee", "PT45M"), (versions[0]!.Str("savedBy"), versions[0]!.Str("savedByKind"), versions[0]!["content"]!.Str("firstResponse")));
        Assert.Equal(("System", "PT30M"), (versions[1]!.Str("savedByKind"), versions[1]!["content"]!.Str("firstResponse")));
        Assert.Equal(2, versions[0]!["content"]!["version"]!.GetValue<int>());
        Assert.NotNull(versions[1]!["savedAt"]);
    }

    [Fact]
    public async Task SlaPolicyVersions_RefusedSave_AddsNoVersion()
    {
        var id = $"h{Guid.NewGuid():N}"[..10];
        await (await api.As("Admin").PutJson($"/api/sla-policies/{id}", Policy("PT30M"))).Json(HttpStatusCode.OK);

        await (await api.As("Admin").PutJson($"/api/sla-policies/{id}", Policy("soon"))).Problem(HttpStatusCode.BadRequest, "firstResponse");
        await (await api.As("Manager").PutJson($"/api/sla-policies/{id}", Policy("PT1H"))).Problem(HttpStatusCode.Forbidden);

        var versions = (await (await api.As("Manager").GetAsync($"/api/sla-policies/{id}/versions")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Equal("PT30M", Assert.Single(versions)!["content"]!.Str("firstResponse"));
    }

    [Fact]
    public async Task SlaPolicyVersions_ShippedPolicy_IsItsOwnOnlyVersionWithNoSaver()
    {
        // Shipped with the release, and saved by no test.
        var shipped = (await (await api.As("Advisor").GetAsync("/api/sla-policies/service-kyc/versions")).Json(HttpStatusCode.OK)).AsArray();

        var only = Assert.Single(shipped)!;
        Assert.Equal((1, "service-kyc"), (only["version"]!.GetValue<int>(), only["content"]!.Str("id")));
        Assert.Null(only["savedBy"]);
    }

    [Fact]
    public async Task CalendarVersions_HolidayAdded_BothVersionsKeptWhole()
    {
        var id = $"hc-{Guid.NewGuid():N}"[..14];
        await (await api.As("Admin").PutJson($"/api/calendars/{id}", new { name = "Shanghai office", holidays = Array.Empty<object>() })).Json(HttpStatusCode.OK);
        await (await api.As("Admin").PutJson($"/api/calendars/{id}", new
        {
            name = "Shanghai office", holidays = new[] { new { date = "2027-02-17", name = "春节" } }, makeUpWorkingDays = new[] { "2027-02-20" },
        })).Json(HttpStatusCode.OK);

        var versions = (await (await api.As("Compliance").GetAsync($"/api/calendars/{id}/versions")).Json(HttpStatusCode.OK)).AsArray();

        Assert.Equal([2, 1], versions.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal("2027-02-17", Assert.Single(versions[0]!["content"]!["holidays"]!.AsArray())!.Str("date"));
        Assert.Equal("2027-02-20", Assert.Single(versions[0]!["content"]!["makeUpWorkingDays"]!.AsArray())!.GetValue<string>());
        Assert.Empty(versions[1]!["content"]!["holidays"]!.AsArray());
        Assert.Equal("admin", versions[1]!.Str("savedBy"));
    }

    [Theory]
    [InlineData("/api/sla-policies/no-such-policy/versions")]
    [InlineData("/api/calendars/no-such-calendar/versions")]
    public async Task Versions_UnknownId_Is404(string path) =>
        await (await api.As("Manager").GetAsync(path)).Problem(HttpStatusCode.NotFound);

    [Theory]
    [InlineData("/api/sla-policies/bad%20id/versions", "policyId")]
    [InlineData("/api/calendars/bad%20id/versions", "calendarId")]
    public async Task Versions_BadId_Is400NamingTheField(string path, string field) =>
        await (await api.As("Manager").GetAsync(path)).Problem(HttpStatusCode.BadRequest, field);
}
