using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Silo.Jobs;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Care;

/// <summary>A Silo on a fake clock (2026-12-20, 09:00 in Shanghai) shared by the care rules API tests.</summary>
public sealed class CareApiFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 20, 1, 0, 0, TimeSpan.Zero));

    public ApiFactory Api { get; }

    public CareApiFixture() => Api = ApiFactory.WithClock(Clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Api.DisposeAsync().AsTask();
}

/// <summary>
/// The care rules' configuration API and the admin's job endpoint. Tests that change settings change different rules,
/// and each has its own org, so they do not see each other's tasks.
/// </summary>
public sealed class CareRulesApiTests(CareApiFixture fixture) : IClassFixture<CareApiFixture>
{
    private readonly ApiFactory _api = fixture.Api;

    [Fact]
    public async Task GetCareRules_Unchanged_ReturnsTheShippedDefaults()
    {
        await using var fresh = ApiFactory.WithClock(new FakeTimeProvider(new DateTimeOffset(2026, 12, 20, 1, 0, 0, TimeSpan.Zero)));

        var rules = await (await fresh.As("Advisor").GetAsync("/api/care-rules")).Json(HttpStatusCode.OK);

        Assert.Equal(0, rules["version"]!.GetValue<int>());
        var r = rules["rules"]!;
        Assert.Equal(7, r["care-birthday"]!["leadDays"]!.GetValue<int>());
        Assert.Equal("HighNetWorth", r["care-birthday"]!.Str("minTier"));
        Assert.Equal("Asia/Shanghai", r["care-birthday"]!.Str("timeZone"));
        Assert.Equal([30, 15, 7], r["care-maturity"]!["stageDays"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(30, r["care-dormancy"]!["days"]!.GetValue<int>());
        Assert.True(r["care-dormancy"]!["vipToTeamLead"]!.GetValue<bool>());
        Assert.Equal(30, r["care-risk-expiry"]!["days"]!.GetValue<int>());
        Assert.Equal("09:00", r["sla-digest"]!.Str("fireAt"));
        Assert.Equal(0.30m, r["outflow-alert"]!["aumShare"]!.GetValue<decimal>());
        Assert.Equal(1_000_000m, r["outflow-alert"]!["amount"]!.GetValue<decimal>());
        var versions = (await (await fresh.As("Advisor").GetAsync("/api/care-rules/versions")).Json(HttpStatusCode.OK)).AsArray();
        var shipped = Assert.Single(versions)!;
        Assert.Equal((0, null), (shipped["version"]!.GetValue<int>(), shipped["savedBy"]?.GetValue<string>()));
    }

    [Fact]
    public async Task CareRulesVersions_EverySave_KeptWholeNewestFirst_RefusedOnesNot()
    {
        var before = (await (await _api.As("Compliance").GetAsync("/api/care-rules/versions")).Json(HttpStatusCode.OK)).AsArray();
        // The shipped stages again: a save that changes what no other test here relies on.
        var same = new { rules = new Dictionary<string, object> { ["care-maturity"] = new { stageDays = new[] { 30, 15, 7 } } } };

        var stored = await (await _api.As("Admin").PutJson("/api/care-rules", same)).Json(HttpStatusCode.OK);
        await (await _api.As("Admin").PutRaw("/api/care-rules", """{ "rules": { "care-maturity": { "stageDays": [-1] } } }""")).Problem(HttpStatusCode.BadRequest);
        await (await _api.As("Manager").PutJson("/api/care-rules", same)).Problem(HttpStatusCode.Forbidden);

        var after = (await (await _api.As("Compliance").GetAsync("/api/care-rules/versions")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(stored["version"]!.GetValue<int>(), after[0]!["version"]!.GetValue<int>());
        Assert.Equal(("admin", "System"), (after[0]!.Str("savedBy"), after[0]!.Str("savedByKind")));
        Assert.Equal([30, 15, 7], after[0]!["content"]!["rules"]!["care-maturity"]!["stageDays"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(before[0]!["version"]!.GetValue<int>(), after[1]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task PutCareRules_LongerBirthdayLead_IsUsedByTheNextRun()
    {
        var seed = await CareSeed.Create(_api, "LEAD");
        await seed.Client("CF1", birthday: "1966-01-10");
        await seed.Holding("CF1", "WM-1", 9_000_000m);
        Assert.Equal(0, (await seed.Run("care-birthday"))["created"]!.GetValue<int>());

        var before = await (await _api.As("Admin").GetAsync("/api/care-rules")).Json(HttpStatusCode.OK);

        var stored = await (await _api.As("Admin").PutJson("/api/care-rules", new { rules = new Dictionary<string, object> { ["care-birthday"] = new { leadDays = 30 } } }))
            .Json(HttpStatusCode.OK);

        Assert.Equal(before["version"]!.GetValue<int>() + 1, stored["version"]!.GetValue<int>());
        Assert.Equal(30, stored["rules"]!["care-birthday"]!["leadDays"]!.GetValue<int>());
        Assert.Equal(30, stored["rules"]!["care-dormancy"]!["days"]!.GetValue<int>());
        Assert.Equal(1, (await seed.Run("care-birthday"))["created"]!.GetValue<int>());
        Assert.Equal(["care-birthday:CF1:2027-01-10"], await seed.Keys(seed.Advisor));
    }

    [Fact]
    public async Task PutCareRules_DisabledRule_RunsNothing()
    {
        var seed = await CareSeed.Create(_api, "OFF");
        await seed.Client("CF2", riskAssessedOn: "2025-12-25");
        await (await _api.As("Admin").PutJson("/api/care-rules", new { rules = new Dictionary<string, object> { ["care-risk-expiry"] = new { enabled = false } } }))
            .Json(HttpStatusCode.OK);

        Assert.Equal(0, (await seed.Run("care-risk-expiry"))["scanned"]!.GetValue<int>());
        Assert.Empty(await seed.Keys(seed.Advisor));
    }

    [Theory]
    [InlineData("""{ "rules": { "care-birthday": { "leadDays": -1 } } }""", "rules.care-birthday.leadDays")]
    [InlineData("""{ "rules": { "care-dormancy": { "days": 0 } } }""", "rules.care-dormancy.days")]
    [InlineData("""{ "rules": { "care-maturity": { "stageDays": [30, -7] } } }""", "rules.care-maturity.stageDays")]
    [InlineData("""{ "rules": { "outflow-alert": { "aumShare": 0 } } }""", "rules.outflow-alert.aumShare")]
    [InlineData("""{ "rules": { "outflow-alert": { "aumShare": 1.5 } } }""", "rules.outflow-alert.aumShare")]
    [InlineData("""{ "rules": { "outflow-alert": { "amount": -5 } } }""", "rules.outflow-alert.amount")]
    [InlineData("""{ "rules": { "care-birthday": { "fireAt": "25:00" } } }""", "rules.care-birthday.fireAt")]
    [InlineData("""{ "rules": { "sla-digest": { "fireAt": "9:00" } } }""", "rules.sla-digest.fireAt")]
    [InlineData("""{ "rules": { "care-birthday": { "timeZone": "Mars/Olympus" } } }""", "rules.care-birthday.timeZone")]
    [InlineData("""{ "rules": { "care-birthday": { "minTier": "Gold" } } }""", "rules.care-birthday.minTier")]
    [InlineData("""{ "rules": { "care-birthday": { "days": 3 } } }""", "rules.care-birthday.days")]
    [InlineData("""{ "rules": { "care-anniversary": { "enabled": true } } }""", "rules.care-anniversary")]
    [InlineData("""{ "rules": { "care-risk-expiry": { "days": "thirty" } } }""", "rules.care-risk-expiry.days")]
    [InlineData("""{ "settings": {} }""", "rules")]
    public async Task PutCareRules_BadValue_Is400NamingTheFieldAndStoresNothing(string body, string field)
    {
        var before = await (await _api.As("Admin").GetAsync("/api/care-rules")).Json(HttpStatusCode.OK);

        await (await _api.As("Admin").PutRaw("/api/care-rules", body)).Problem(HttpStatusCode.BadRequest, field);

        var after = await (await _api.As("Admin").GetAsync("/api/care-rules")).Json(HttpStatusCode.OK);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Theory]
    [InlineData("System")]
    [InlineData("Manager")]
    [InlineData("Advisor")]
    public async Task PutCareRules_NotAdmin_Is403(string role)
    {
        var response = await _api.As(role).PutJson("/api/care-rules", new { rules = new Dictionary<string, object> { ["care-birthday"] = new { leadDays = 3 } } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PutCareRules_NewFireTime_ReschedulesTheTrigger()
    {
        _ = _api.As("Admin");
        var rescheduler = _api.Services.GetRequiredService<JobRescheduler>();
        Assert.Equal("0 30 8 * * ?", await rescheduler.CronOf("care-birthday", CancellationToken.None));

        await (await _api.As("Admin").PutJson("/api/care-rules", new { rules = new Dictionary<string, object> { ["care-birthday"] = new { fireAt = "07:15" } } }))
            .Json(HttpStatusCode.OK);

        Assert.Equal("0 15 7 * * ?", await rescheduler.CronOf("care-birthday", CancellationToken.None));
        Assert.Equal("0 30 8 * * ?", await rescheduler.CronOf("care-maturity", CancellationToken.None));
    }

    [Fact]
    public async Task RunJob_UnknownName_Is404NamingName()
    {
        await (await _api.As("Admin").PostAsync("/api/admin/jobs/care-nothing/run", null)).Problem(HttpStatusCode.NotFound, "name");
    }

    [Fact]
    public async Task RunJob_NotAdmin_Is403()
    {
        var response = await _api.As("System").PostAsync("/api/admin/jobs/care-birthday/run", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
