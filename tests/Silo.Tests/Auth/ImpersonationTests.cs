using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>
/// A person acts only as themselves through every door of the HTTP API: naming someone else is 403, names the field,
/// and changes nothing. A system key may act for a named employee, and the record keeps both.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ImpersonationTests(ApiFactory api)
{
    [Theory]
    [InlineData("acknowledge")]
    [InlineData("notes")]
    [InlineData("resolve")]
    [InlineData("assign")]
    public async Task ComplaintCommand_ByAnotherEmployee_Is403AndChangesNothing(string command)
    {
        var org = await PeopleOrg.Create(api);
        var id = await Open(org);
        var before = await Complaint(id);

        var response = await (await api.AsPerson(org.Advisor)).PostJson($"/api/complaints/{id}/{command}", new
        {
            by = org.Head, text = "closed by impostor", to = org.OtherAdvisor,
        });

        await response.Problem(HttpStatusCode.Forbidden, "by");
        var after = await Complaint(id);
        Assert.Equal(before["timeline"]!.AsArray().Count, after["timeline"]!.AsArray().Count);
        Assert.Equal(before.Str("status"), after.Str("status"));
        Assert.Equal(before.Str("assignee"), after.Str("assignee"));
    }

    [Fact]
    public async Task ComplaintCommand_AsOneself_IsRecordedAsThePersonThroughTheApi()
    {
        var org = await PeopleOrg.Create(api);
        var id = await Open(org);

        await (await (await api.AsPerson(org.Advisor)).PostJson($"/api/complaints/{id}/acknowledge", new { text = "Called the client" }))
            .Json(HttpStatusCode.OK);

        var acknowledged = (await Complaint(id))["timeline"]!.AsArray().Single(t => t!.Str("kind") == "Acknowledged")!;
        Assert.Equal(org.Advisor, acknowledged.Str("by"));
        Assert.Equal("api", acknowledged.Str("via"));
    }

    [Fact]
    public async Task ComplaintCommand_SystemKeyForAnEmployee_KeepsBothTheEmployeeAndTheKey()
    {
        var org = await PeopleOrg.Create(api);
        var id = await Open(org);

        await (await api.As("System").PostJson($"/api/complaints/{id}/notes", new { by = org.Advisor, text = "From the call centre" }))
            .Json(HttpStatusCode.OK);

        var note = (await Complaint(id))["timeline"]!.AsArray().Single(t => t!.Str("kind") == "Note")!;
        Assert.Equal(org.Advisor, note.Str("by"));
        Assert.Equal("api:system", note.Str("via"));
    }

    [Fact]
    public async Task OpenComplaint_OpenedByAnotherEmployee_Is403AndOpensNothing()
    {
        var org = await PeopleOrg.Create(api);

        var response = await (await api.AsPerson(org.Advisor)).PostJson("/api/complaints", new
        {
            clientId = org.Client, category = "Service", severity = "High", channel = "branch", description = "Slow", openedBy = org.Head,
        });

        await response.Problem(HttpStatusCode.Forbidden, "openedBy");
        var list = await (await api.As("Admin").GetAsync($"/api/complaints?branchId={org.Branch}")).Json(HttpStatusCode.OK);
        Assert.Empty(list.AsArray());
    }

    [Fact]
    public async Task OpenComplaint_ByAPersonWithoutOpenedBy_IsOpenedByThem()
    {
        var org = await PeopleOrg.Create(api);

        var opened = await (await (await api.AsPerson(org.Advisor)).PostJson("/api/complaints", new
        {
            clientId = org.Client, category = "Service", severity = "High", channel = "branch", description = "Slow",
        })).Json(HttpStatusCode.Created);

        var first = (await Complaint(opened.Str("complaintId")))["timeline"]!.AsArray()[0]!;
        Assert.Equal("Opened", first.Str("kind"));
        Assert.Equal(org.Advisor, first.Str("by"));
    }

    [Fact]
    public async Task LogInteraction_ForAnotherEmployee_Is403AndLogsNothing()
    {
        var org = await PeopleOrg.Create(api);

        var response = await (await api.AsPerson(org.OtherAdvisor)).PostJson($"/api/clients/{org.Client}/interactions", new
        {
            kind = "Call", employeeId = org.Advisor, note = "Pretending to be Chen",
        });

        await response.Problem(HttpStatusCode.Forbidden, "employeeId");
        var client = await (await api.As("Admin").GetAsync($"/api/clients/{org.Client}")).Json(HttpStatusCode.OK);
        Assert.Empty(client["recentInteractions"]!.AsArray());
    }

    private async Task<string> Open(PeopleOrg org) =>
        (await (await api.As("System").PostJson("/api/complaints", new
        {
            clientId = org.Client, category = "Service", severity = "High", channel = "call-centre", description = "Transfer delayed",
            openedBy = "CC-017",
        })).Json(HttpStatusCode.Created)).Str("complaintId");

    private async Task<JsonNode> Complaint(string id) =>
        await (await api.As("Admin").GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
}
