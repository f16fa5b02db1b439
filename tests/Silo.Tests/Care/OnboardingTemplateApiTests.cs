using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Grains.Care;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Care;

/// <summary>The onboarding checklist's template over HTTP: read by anyone, replaced by an administrator, audited.</summary>
public sealed class OnboardingTemplateApiTests(CareApiFixture fixture) : IClassFixture<CareApiFixture>
{
    private const string Route = "/api/care-rules/onboarding";
    private readonly ApiFactory _api = fixture.Api;

    [Fact]
    public async Task BadTemplates_Are400NamingTheField_AndChangeNothing()
    {
        var before = await Read();
        var admin = _api.As("Admin");

        await (await admin.PutJson(Route, new { steps = new[] { new { key = "call", title = "致电", days = 1, counting = "Weekly" } } }))
            .Problem(HttpStatusCode.BadRequest, "steps[0].counting");
        await (await admin.PutJson(Route, new
        {
            steps = new object[]
            {
                new { key = "call", title = "致电", days = 1, counting = "WorkingDays" },
                new { key = "review", title = "检视", days = 0, counting = "CalendarDays" },
            },
        })).Problem(HttpStatusCode.BadRequest, "steps[1].days");
        await (await admin.PutJson(Route, new
        {
            steps = new[]
            {
                new { key = "call", title = "致电", days = 1, counting = "WorkingDays" },
                new { key = "call", title = "再次致电", days = 2, counting = "WorkingDays" },
            },
        })).Problem(HttpStatusCode.BadRequest, "steps[1].key");
        await (await admin.PutJson(Route, new { calendarId = "nowhere", steps = new[] { new { key = "call", title = "致电", days = 1, counting = "WorkingDays" } } }))
            .Problem(HttpStatusCode.BadRequest, "calendarId");
        await (await admin.PutJson(Route, new { enabled = true })).Problem(HttpStatusCode.BadRequest, "steps");

        Assert.Equal(before.ToJsonString(), (await Read()).ToJsonString());
    }

    [Fact]
    public async Task AnAdministratorReplacesTheTemplate_NewClientsGetItsSteps_AndTheChangeIsAudited()
    {
        var before = await Read();
        Assert.Equal(["welcome-call", "risk-assessment", "first-review"], before["steps"]!.AsArray().Select(s => s.Str("key")));
        Assert.Equal("WorkingDays", before["steps"]![0].Str("counting"));
        Assert.Equal("cn-mainland", before.Str("calendarId"));

        var stored = await (await _api.As("Admin").PutJson(Route, new
        {
            steps = new object[]
            {
                new { key = "welcome-call", title = "欢迎致电新客户", englishTitle = "Welcome call", days = 2, counting = "WorkingDays" },
                new { key = "documents", title = "寄送合同文本", days = 3, counting = "CalendarDays" },
            },
        })).Json(HttpStatusCode.OK);

        Assert.Equal(before["version"]!.GetValue<int>() + 1, stored["version"]!.GetValue<int>());
        Assert.Equal(stored.ToJsonString(), (await Read()).ToJsonString());
        var (entries, _) = await AuditReader.Page(_api, "limit=200");
        Assert.Contains(entries, e => e.Str("action") == "onboarding.upsert" && e.Str("outcome") == "200");

        // The care rules' own document keeps the template when its other rules are changed.
        await (await _api.As("Admin").PutJson("/api/care-rules", new { rules = new Dictionary<string, object> { ["care-dormancy"] = new { days = 45 } } }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(["welcome-call", "documents"], (await Read())["steps"]!.AsArray().Select(s => s.Str("key")));

        var seed = await CareSeed.Create(_api, "ONB");
        await seed.Client("CO1");
        await seed.Holding("CO1", "WM-1", 500_000m);
        var documents = await (await _api.As("Admin").GetAsync($"/api/tasks/{OnboardingPlan.TaskIdOf("CO1", "documents")}")).Json(HttpStatusCode.OK);
        Assert.Equal(seed.Advisor, documents.Str("owner"));
        Assert.Equal("Onboarding", documents.Str("kind"));
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(3), documents["due"]!.GetValue<DateTimeOffset>());
        var open = (await (await _api.As("Admin").GetAsync($"/api/employees/{seed.Advisor}/tasks?status=Open")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Equal(2, open.Count);
    }

    private async Task<JsonNode> Read() => await (await _api.As("Advisor").GetAsync(Route)).Json(HttpStatusCode.OK);
}
