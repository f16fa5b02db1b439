using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Handovers;

[Collection(ApiCollection.Name)]
public sealed class HandoverApiTests(ApiFactory api)
{
    /// <summary>The org of <see cref="PeopleOrg"/> plus a team: team lead T1 (reporting to the head) and advisor E4 in it.</summary>
    private sealed record Team(PeopleOrg Org, string TeamLead, string NewAdvisor, string[] Clients);

    private async Task<Team> CreateTeam(int clients = 3)
    {
        var org = await PeopleOrg.Create(api);
        var admin = api.As("Admin");
        var lead = org.Branch.Replace("-B", "-T1", StringComparison.Ordinal);
        var advisor = org.Branch.Replace("-B", "-E4", StringComparison.Ordinal);
        await (await admin.PutJson($"/api/employees/{lead}", new { name = "赵组长", role = "TeamLead", branchId = org.Branch, managerId = org.Head })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{advisor}", new { name = "钱顾问", role = "Advisor", branchId = org.Branch, managerId = lead, language = "en" })).Json(HttpStatusCode.OK);
        var ids = new List<string> { org.Client };
        for (var i = 2; i <= clients; i++)
        {
            var id = $"{org.Client}-{i}";
            await (await api.As("System").PutJson($"/api/clients/{id}", new { name = $"客户{i}", branchId = org.Branch, advisorId = org.Advisor })).Json(HttpStatusCode.OK);
            ids.Add(id);
        }

        return new Team(org, lead, advisor, [.. ids]);
    }

    private async Task<JsonNode> Completed(HttpClient client, string handoverId) => await Eventually.Until(
        async () => await (await client.GetAsync($"/api/handovers/{handoverId}")).Json(HttpStatusCode.OK),
        s => s.Str("status") == "Completed", "the handover to complete", timeoutMs: 30_000);

    private async Task<string> NewRequest(string clientId) =>
        (await (await api.As("System").PostJson("/api/service-requests", new
        {
            clientId, type = "DocumentRequest", description = "2026 年度对账单 annual statement", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("requestId");

    private async Task<string> NewTask(string clientId, string owner) =>
        (await (await api.As("System").PostJson("/api/tasks", new { clientId, title = "跟进 Follow up", owner })).Json(HttpStatusCode.Created)).Str("taskId");

    [Fact]
    public async Task Handover_ByTheBranchHead_MovesClientsAndOpenCasesRetargetsEscalationsNotifiesAndAudits()
    {
        var team = await CreateTeam();
        var org = team.Org;
        var system = api.As("System");
        var otherClient = $"{org.Client}-other";
        await (await system.PutJson($"/api/clients/{otherClient}", new { name = "别人的客户", branchId = org.Branch, advisorId = org.OtherAdvisor })).Json(HttpStatusCode.OK);
        await (await system.PostJson($"/api/clients/{org.Client}/interactions", new { kind = "Call", employeeId = org.Advisor, note = "before the handover" })).Json(HttpStatusCode.Created);
        var open = (await (await system.PostJson("/api/complaints", new
        {
            clientId = org.Client, category = "Service", severity = "High", channel = "phone", description = "Late statement", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");
        var resolved = (await (await system.PostJson("/api/complaints", new
        {
            clientId = team.Clients[1], category = "Service", severity = "Low", channel = "phone", description = "Old one", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");
        await (await system.PostJson($"/api/complaints/{resolved}/resolve", new { by = org.Advisor, text = "done" })).Json(HttpStatusCode.OK);
        var before = await (await system.GetAsync($"/api/complaints/{open}")).Json(HttpStatusCode.OK);
        Assert.Equal(org.Advisor, before.Str("assignee"));
        var openTask = await NewTask(team.Clients[0], org.Advisor);
        var snoozedTask = await NewTask(team.Clients[1], org.Advisor);
        await (await system.PostJson($"/api/tasks/{snoozedTask}/snooze", new { until = DateTimeOffset.UtcNow.AddDays(7), reason = "client abroad" })).Json(HttpStatusCode.OK);
        var doneTask = await NewTask(team.Clients[2], org.Advisor);
        await (await system.PostJson($"/api/tasks/{doneTask}/complete", new { outcome = "called" })).Json(HttpStatusCode.OK);
        var othersTask = await NewTask(team.Clients[0], org.OtherAdvisor);
        var openRequest = await NewRequest(team.Clients[0]);
        var resolvedRequest = await NewRequest(team.Clients[1]);
        await (await system.PostJson($"/api/service-requests/{resolvedRequest}/resolve", new { text = "sent" })).Json(HttpStatusCode.OK);
        var othersRequest = await NewRequest(otherClient);

        var head = await api.AsPerson(org.Head);
        var accepted = await (await head.PostJson($"/api/employees/{org.Advisor}/handover", new { to = team.NewAdvisor })).Json(HttpStatusCode.Accepted);
        var handoverId = accepted.Str("handoverId");
        var done = await Completed(head, handoverId);

        Assert.Equal((3, 3, 3, 0, 1), ((int)done["total"]!, (int)done["processed"]!, (int)done["moved"]!, (int)done["skipped"]!, (int)done["complaintsMoved"]!));
        // Open and snoozed tasks of the departing advisor move, with their history; done ones and others' stay.
        Assert.Equal(2, (int)done["tasksMoved"]!);
        // So do the open service requests of the moved clients; a resolved one and another advisor's client's stay.
        Assert.Equal(1, (int)done["requestsMoved"]!);
        var movedRequest = await (await system.GetAsync($"/api/service-requests/{openRequest}")).Json(HttpStatusCode.OK);
        Assert.Equal(team.NewAdvisor, movedRequest.Str("assignee"));
        Assert.Single(movedRequest["timeline"]!.AsArray(), e => e!.Str("kind") == "Assigned" && e.Str("text")!.Contains(handoverId, StringComparison.Ordinal));
        Assert.Equal(org.Advisor, (await (await system.GetAsync($"/api/service-requests/{resolvedRequest}")).Json(HttpStatusCode.OK)).Str("assignee"));
        Assert.Equal(org.OtherAdvisor, (await (await system.GetAsync($"/api/service-requests/{othersRequest}")).Json(HttpStatusCode.OK)).Str("assignee"));
        foreach (var taskId in new[] { openTask, snoozedTask })
        {
            var task = await (await system.GetAsync($"/api/tasks/{taskId}")).Json(HttpStatusCode.OK);
            Assert.Equal(team.NewAdvisor, task.Str("owner"));
            Assert.Equal("Created", task["timeline"]!.AsArray()[0]!.Str("kind"));
            Assert.Single(task["timeline"]!.AsArray(), e => e!.Str("kind") == "Assigned" && e.Str("text")!.Contains(handoverId, StringComparison.Ordinal));
        }

        Assert.Equal("Snoozed", (await (await system.GetAsync($"/api/tasks/{snoozedTask}")).Json(HttpStatusCode.OK)).Str("status"));
        Assert.Equal(org.Advisor, (await (await system.GetAsync($"/api/tasks/{doneTask}")).Json(HttpStatusCode.OK)).Str("owner"));
        Assert.Equal(org.OtherAdvisor, (await (await system.GetAsync($"/api/tasks/{othersTask}")).Json(HttpStatusCode.OK)).Str("owner"));
        Assert.Equal(2, (await (await system.GetAsync($"/api/employees/{team.NewAdvisor}/tasks")).Json(HttpStatusCode.OK)).AsArray().Count);
        foreach (var clientId in team.Clients)
        {
            Assert.Equal(team.NewAdvisor, (await (await system.GetAsync($"/api/clients/{clientId}")).Json(HttpStatusCode.OK))["profile"]!.Str("advisorId"));
        }

        Assert.Equal(org.OtherAdvisor, (await (await system.GetAsync($"/api/clients/{otherClient}")).Json(HttpStatusCode.OK))["profile"]!.Str("advisorId"));
        var moved = await (await system.GetAsync($"/api/complaints/{open}")).Json(HttpStatusCode.OK);
        Assert.Equal(team.NewAdvisor, moved.Str("assignee"));
        // The ladder's team-lead step now reaches the new advisor's team lead.
        Assert.Equal(org.Head, before["escalations"]!.AsArray()[0]!.Str("toEmployeeId"));
        Assert.Equal(team.TeamLead, moved["escalations"]!.AsArray()[0]!.Str("toEmployeeId"));
        Assert.Contains(moved["timeline"]!.AsArray(), e => e!.Str("kind") == "Assigned" && e.Str("text")!.Contains(handoverId, StringComparison.Ordinal));
        Assert.Equal(org.Advisor, (await (await system.GetAsync($"/api/complaints/{resolved}")).Json(HttpStatusCode.OK)).Str("assignee"));
        // Histories stay with the client.
        var history = await (await (await api.AsPerson(team.NewAdvisor)).GetAsync($"/api/clients/{org.Client}/interactions")).Json(HttpStatusCode.OK);
        Assert.Equal("before the handover", history["interactions"]!.AsArray().Single()!.Str("note"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await api.AsPerson(org.Advisor)).GetAsync($"/api/clients/{org.Client}")).StatusCode);

        foreach (var (employee, words) in new[] { (org.Advisor, "已移交给"), (team.NewAdvisor, "are now yours"), (org.Head, "已移交给"), (team.TeamLead, "已移交给") })
        {
            var inbox = await (await system.GetAsync($"/api/employees/{employee}/inbox")).Json(HttpStatusCode.OK);
            var message = Assert.Single(inbox.AsArray(), m => m!.Str("key") == $"handover:{handoverId}:{employee}");
            Assert.Contains(words, message!.Str("text"), StringComparison.Ordinal);
        }

        var trail = await AuditReader.Page(api, $"targetType=handover&targetId={handoverId}");
        Assert.Contains(trail.Entries, e => e.Str("action") == "handover.complete" && e.Str("channel") == "job" && e.Str("employeeId") == org.Head);
        var request = await AuditReader.Of(api, "employee", org.Advisor);
        Assert.Contains(request, e => e.Str("action") == "employee.handover" && e.Str("outcome") == "202");
    }

    [Fact]
    public async Task Handover_OfNamedClients_MovesThoseOnly()
    {
        var team = await CreateTeam();
        var accepted = await (await api.As("System").PostJson($"/api/employees/{team.Org.Advisor}/handover", new
        {
            to = team.NewAdvisor, clientIds = new[] { team.Clients[2] },
        })).Json(HttpStatusCode.Accepted);

        var done = await Completed(api.As("System"), accepted.Str("handoverId"));

        Assert.Equal(1, (int)done["moved"]!);
        Assert.Equal(team.NewAdvisor, (await (await api.As("System").GetAsync($"/api/clients/{team.Clients[2]}")).Json(HttpStatusCode.OK))["profile"]!.Str("advisorId"));
        Assert.Equal(team.Org.Advisor, (await (await api.As("System").GetAsync($"/api/clients/{team.Clients[0]}")).Json(HttpStatusCode.OK))["profile"]!.Str("advisorId"));
    }

    [Fact]
    public async Task Handover_BadTargetOrClients_Is400NamingTheFieldAndChangesNothing()
    {
        var team = await CreateTeam();
        var org = team.Org;
        var system = api.As("System");
        var admin = api.As("Admin");
        var elsewhere = $"{org.Branch}-X";
        await (await admin.PutJson($"/api/branches/{elsewhere}", new { name = "Elsewhere", headEmployeeId = $"{elsewhere}-H" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{elsewhere}-A", new { name = "Far", role = "Advisor", branchId = elsewhere })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{org.Branch}-GONE", new { name = "Left", role = "Advisor", branchId = org.Branch, deactivated = true })).Json(HttpStatusCode.OK);
        var url = $"/api/employees/{org.Advisor}/handover";

        await (await system.PostJson(url, new { to = org.Advisor })).Problem(HttpStatusCode.BadRequest, "to");
        await (await system.PostJson(url, new { to = "NOBODY-AT-ALL" })).Problem(HttpStatusCode.BadRequest, "to");
        await (await system.PostJson(url, new { to = org.Compliance })).Problem(HttpStatusCode.BadRequest, "to");
        await (await system.PostJson(url, new { to = $"{elsewhere}-A" })).Problem(HttpStatusCode.BadRequest, "to");
        await (await system.PostJson(url, new { to = $"{org.Branch}-GONE" })).Problem(HttpStatusCode.BadRequest, "to");
        await (await system.PostJson(url, new { })).Problem(HttpStatusCode.BadRequest, "to");
        await (await system.PostJson(url, new { to = team.NewAdvisor, clientIds = new[] { team.Clients[0], $"{org.Client}-none" } })).Problem(HttpStatusCode.BadRequest, "clientIds[1]");
        await (await system.PostJson(url, new { to = team.NewAdvisor, clientIds = new[] { team.Clients[0], team.Clients[0] } })).Problem(HttpStatusCode.BadRequest, "clientIds[1]");
        await (await system.PostJson(url, new { to = team.NewAdvisor, clientIds = Array.Empty<string>() })).Problem(HttpStatusCode.BadRequest, "clientIds");
        Assert.Equal(HttpStatusCode.NotFound, (await system.PostJson("/api/employees/NOBODY-AT-ALL/handover", new { to = team.NewAdvisor })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await system.PostJson($"/api/employees/{team.NewAdvisor}/handover", new { to = org.Advisor })).StatusCode);

        foreach (var clientId in team.Clients)
        {
            Assert.Equal(org.Advisor, (await (await system.GetAsync($"/api/clients/{clientId}")).Json(HttpStatusCode.OK))["profile"]!.Str("advisorId"));
        }
    }

    [Fact]
    public async Task Handover_WhoMayAsk_ManagersOverTheirOwnReachAndSystemsOnly()
    {
        var team = await CreateTeam();
        var org = team.Org;
        var admin = api.As("Admin");
        var lead2 = $"{org.Branch}-T2";
        var member = $"{org.Branch}-E5";
        await (await admin.PutJson($"/api/employees/{lead2}", new { name = "孙组长", role = "TeamLead", branchId = org.Branch, managerId = org.Head })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{member}", new { name = "李顾问", role = "Advisor", branchId = org.Branch, managerId = team.TeamLead })).Json(HttpStatusCode.OK);
        var adminPerson = $"{org.Branch}-AD";
        await (await admin.PutJson($"/api/employees/{adminPerson}", new { name = "管理员", role = "Admin", branchId = org.Branch })).Json(HttpStatusCode.OK);
        var url = $"/api/employees/{org.Advisor}/handover";

        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.AsPerson(org.Advisor)).PostJson(url, new { to = team.NewAdvisor })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.AsPerson(org.Compliance)).PostJson(url, new { to = team.NewAdvisor })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.AsPerson(adminPerson)).PostJson(url, new { to = team.NewAdvisor })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As("Admin").PostJson(url, new { to = team.NewAdvisor })).StatusCode);
        // A team lead reaches their own team only: not the head's direct report, and not another team's advisor.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.AsPerson(team.TeamLead)).PostJson(url, new { to = team.NewAdvisor })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.AsPerson(lead2)).PostJson($"/api/employees/{team.NewAdvisor}/handover", new { to = member })).StatusCode);
        await (await api.As("System").PutJson($"/api/clients/{org.Client}-team", new { name = "组内客户", branchId = org.Branch, advisorId = team.NewAdvisor })).Json(HttpStatusCode.OK);

        var lead = await api.AsPerson(team.TeamLead);
        var accepted = await (await lead.PostJson($"/api/employees/{team.NewAdvisor}/handover", new { to = member })).Json(HttpStatusCode.Accepted);
        await Completed(lead, accepted.Str("handoverId"));

        Assert.Equal(HttpStatusCode.NotFound, (await (await api.AsPerson(org.OtherAdvisor)).GetAsync($"/api/handovers/{accepted.Str("handoverId")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await api.AsPerson(member)).GetAsync($"/api/handovers/{accepted.Str("handoverId")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.As("System").GetAsync("/api/handovers/HO-NOPE")).StatusCode);
    }
}
