using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class ComplaintsApiTests(ApiFactory api)
{
    [Fact]
    public async Task Open_VipClient_Returns201WithLadderToNamedPeople()
    {
        var seed = await Seed.Create(api);

        var response = await api.As("System").PostJson("/api/complaints", new
        {
            clientId = seed.VipClient, category = "Service", severity = "High", channel = "call-centre",
            description = "Transfer delayed three days", openedBy = "CC-017",
        });
        var opened = await response.Json(HttpStatusCode.Created);

        Assert.Equal($"/api/complaints/{opened.Str("complaintId")}", response.Headers.Location?.OriginalString);
        Assert.Equal("Open", opened.Str("status"));
        Assert.Equal("vip", opened.Str("policyId"));
        var ladder = opened["escalations"]!.AsArray();
        Assert.Equal(seed.TeamLead, ladder[0]!.Str("toEmployeeId"));
        Assert.Equal(seed.BranchHead, ladder[1]!.Str("toEmployeeId"));
        var firstResponseDue = opened["firstResponseDue"]!.GetValue<DateTimeOffset>();
        Assert.Equal(TimeSpan.FromHours(22), ladder[1]!["due"]!.GetValue<DateTimeOffset>() - firstResponseDue);
    }

    [Fact]
    public async Task Open_UnknownSeverity_Is400AndNothingCreated()
    {
        var seed = await Seed.Create(api);

        await (await api.As("System").PostRaw("/api/complaints",
            $$"""{"clientId":"{{seed.VipClient}}","category":"Service","severity":"Apocalyptic","channel":"phone","description":"x","openedBy":"CC-1"}"""))
            .Problem(HttpStatusCode.BadRequest, "severity");

        var list = await (await api.As("Manager").GetAsync($"/api/complaints?branchId={seed.Branch}")).Json(HttpStatusCode.OK);
        Assert.Empty(list.AsArray());
    }

    [Fact]
    public async Task Open_UnknownClient_Is400NamingClientId()
    {
        await (await api.As("System").PostJson("/api/complaints", new
        {
            clientId = "NO-SUCH-CLIENT", category = "Service", severity = "Normal", channel = "phone", description = "x", openedBy = "CC-1",
        })).Problem(HttpStatusCode.BadRequest, "clientId");
    }

    [Fact]
    public async Task Lifecycle_AcknowledgeNotePauseResumeAssignResolveReopen_Succeeds()
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);
        var advisor = api.As("Advisor");

        await (await advisor.PostJson($"/api/complaints/{id}/acknowledge", new { by = seed.Advisor })).Json(HttpStatusCode.OK);
        await (await advisor.PostJson($"/api/complaints/{id}/notes", new { by = seed.Advisor, text = "Called the client" })).Json(HttpStatusCode.OK);
        var paused = await (await advisor.PostJson($"/api/complaints/{id}/pause", new { by = seed.Advisor, reason = "Waiting for statement" })).Json(HttpStatusCode.OK);
        Assert.Equal("Paused", paused.Str("slaState"));
        await (await advisor.PostJson($"/api/complaints/{id}/resume", new { by = seed.Advisor })).Json(HttpStatusCode.OK);
        var assigned = await (await api.As("Manager").PostJson($"/api/complaints/{id}/assign", new { by = seed.TeamLead, to = seed.TeamLead })).Json(HttpStatusCode.OK);
        Assert.Equal(seed.TeamLead, assigned.Str("assignee"));
        var resolved = await (await advisor.PostJson($"/api/complaints/{id}/resolve", new { by = seed.TeamLead, text = "Fee refunded" })).Json(HttpStatusCode.OK);
        Assert.Equal("Resolved", resolved.Str("status"));
        Assert.Equal("Met", resolved.Str("slaState"));
        var reopened = await (await advisor.PostJson($"/api/complaints/{id}/reopen", new { by = seed.Advisor, reason = "Client disagrees" })).Json(HttpStatusCode.OK);

        Assert.Equal("Acknowledged", reopened.Str("status"));
        var kinds = reopened["timeline"]!.AsArray().Select(t => t!.Str("kind")).ToArray();
        Assert.Equal(["Opened", "Acknowledged", "Note", "Paused", "Resumed", "Assigned", "Resolved", "Reopened"], kinds);
    }

    [Fact]
    public async Task Acknowledge_Twice_Is409AndStateUnchanged()
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);
        var advisor = api.As("Advisor");
        await (await advisor.PostJson($"/api/complaints/{id}/acknowledge", new { by = seed.Advisor })).Json(HttpStatusCode.OK);
        var before = await (await advisor.GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);

        await (await advisor.PostJson($"/api/complaints/{id}/acknowledge", new { by = seed.Advisor })).Problem(HttpStatusCode.Conflict);

        var after = await (await advisor.GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Theory]
    [InlineData("resume", "{\"by\":\"{advisor}\"}")]
    [InlineData("reopen", "{\"by\":\"{advisor}\",\"reason\":\"x\"}")]
    public async Task Command_InvalidInOpenState_Is409(string command, string body)
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);

        await (await api.As("Advisor").PostRaw($"/api/complaints/{id}/{command}", body.Replace("{advisor}", seed.Advisor)))
            .Problem(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("notes", "{\"by\":\"{advisor}\"}", "text")]
    [InlineData("pause", "{\"by\":\"{advisor}\"}", "reason")]
    [InlineData("assign", "{\"by\":\"{advisor}\"}", "to")]
    [InlineData("acknowledge", "{\"by\":\"NOBODY\"}", "by")]
    [InlineData("assign", "{\"by\":\"{advisor}\",\"to\":\"NOBODY\"}", "to")]
    public async Task Command_MissingOrUnknownField_Is400NamingIt(string command, string body, string field)
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);

        await (await api.As("Advisor").PostRaw($"/api/complaints/{id}/{command}", body.Replace("{advisor}", seed.Advisor)))
            .Problem(HttpStatusCode.BadRequest, field);

        var complaint = await (await api.As("Advisor").GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
        Assert.Single(complaint["timeline"]!.AsArray());
    }

    [Fact]
    public async Task Command_UnknownComplaint_Is404()
    {
        var seed = await Seed.Create(api);

        await (await api.As("Advisor").PostJson("/api/complaints/CMP-NOT-THERE/acknowledge", new { by = seed.Advisor }))
            .Problem(HttpStatusCode.NotFound);
        await (await api.As("Advisor").GetAsync("/api/complaints/CMP-NOT-THERE")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_ByBranchAndStatus_ComesFromTheReadModel()
    {
        var seed = await Seed.Create(api);
        var first = await Open(seed);
        var second = await Open(seed);
        await (await api.As("Advisor").PostJson($"/api/complaints/{second}/acknowledge", new { by = seed.Advisor })).Json(HttpStatusCode.OK);

        var open = await (await api.As("Manager").GetAsync($"/api/complaints?branchId={seed.Branch}&status=Open")).Json(HttpStatusCode.OK);
        var all = await (await api.As("Manager").GetAsync($"/api/complaints?branchId={seed.Branch}")).Json(HttpStatusCode.OK);

        Assert.Equal(first, Assert.Single(open.AsArray())!.Str("complaintId"));
        Assert.Equal(2, all.AsArray().Count);
    }

    [Fact]
    public async Task List_UnknownSlaState_Is400()
    {
        await (await api.As("Manager").GetAsync("/api/complaints?slaState=Sideways")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChangeSeverity_Valid_RecordsItAndKeepsTheClock()
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);

        var changed = await (await api.As("Manager").PostJson($"/api/complaints/{id}/severity", new { by = seed.TeamLead, severity = "Critical", reason = "press contact" })).Json(HttpStatusCode.OK);

        Assert.Equal("Critical", changed.Str("severity"));
        Assert.Contains(changed["timeline"]!.AsArray(), t => t!.Str("kind") == "SeverityChanged");
        await (await api.As("Manager").PostJson($"/api/complaints/{id}/severity", new { by = seed.TeamLead, severity = "Critical" }))
            .Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ExtendRegulatoryDeadline_Once_MovesItTo30DaysAndSecondTimeIs409()
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);
        var before = await (await api.As("Manager").GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);

        var extended = await (await api.As("Manager").PostJson($"/api/complaints/{id}/extend", new { by = seed.BranchHead, reason = "awaiting the insurer's report" })).Json(HttpStatusCode.OK);

        var openedAt = before["openedAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(TimeSpan.FromDays(15), before["regulatoryDue"]!.GetValue<DateTimeOffset>() - openedAt);
        Assert.Equal(TimeSpan.FromDays(30), extended["regulatoryDue"]!.GetValue<DateTimeOffset>() - openedAt);
        await (await api.As("Manager").PostJson($"/api/complaints/{id}/extend", new { by = seed.BranchHead, reason = "again" }))
            .Problem(HttpStatusCode.Conflict);
        await (await api.As("Manager").PostJson($"/api/complaints/{id}/extend", new { by = seed.BranchHead }))
            .Problem(HttpStatusCode.BadRequest, "reason");
    }

    private async Task<string> Open(Seed seed)
    {
        var opened = await (await api.As("System").PostJson("/api/complaints", new
        {
            clientId = seed.VipClient, category = "Service", severity = "High", channel = "phone", description = "Slow transfer", openedBy = seed.Advisor,
        })).Json(HttpStatusCode.Created);
        return opened.Str("complaintId");
    }
}
