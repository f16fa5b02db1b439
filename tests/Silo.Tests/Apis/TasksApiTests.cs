using System.Net;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class TasksApiTests(ApiFactory api)
{
    [Fact]
    public async Task Person_CreatesListsAndCompletesATask_WhichLogsAnInteractionAndIsAudited()
    {
        var seed = await Seed.Create(api);
        var advisor = await api.AsPerson(seed.Advisor);
        var due = DateTimeOffset.UtcNow.AddDays(2);

        var created = await (await advisor.PostJson("/api/tasks", new { clientId = seed.Client, title = "Call about the maturity", due })).Json(HttpStatusCode.Created);
        var taskId = created.Str("taskId");
        Assert.Equal(seed.Advisor, created.Str("owner"));
        Assert.Equal("Open", created.Str("status"));
        Assert.Equal("task-standard", created.Str("policyId"));

        var open = await (await advisor.GetAsync($"/api/employees/{seed.Advisor}/tasks?status=Open")).Json(HttpStatusCode.OK);
        Assert.Equal(taskId, Assert.Single(open.AsArray())!.Str("taskId"));
        var inbox = await (await advisor.GetAsync($"/api/employees/{seed.Advisor}/inbox")).Json(HttpStatusCode.OK);
        Assert.Contains(inbox.AsArray(), m => m!.Str("key") == $"{taskId}:created" && m.Str("kind") == "Task" && m.Str("taskId") == taskId);

        var done = await (await advisor.PostJson($"/api/tasks/{taskId}/complete", new { outcome = "Client will renew" })).Json(HttpStatusCode.OK);
        Assert.Equal("Done", done.Str("status"));
        Assert.Equal("Client will renew", done.Str("outcome"));

        Assert.Empty((await (await advisor.GetAsync($"/api/employees/{seed.Advisor}/tasks?status=Open")).Json(HttpStatusCode.OK)).AsArray());
        Assert.Single((await (await advisor.GetAsync($"/api/employees/{seed.Advisor}/tasks?status=Done")).Json(HttpStatusCode.OK)).AsArray());
        var client = await (await api.As("Manager").GetAsync($"/api/clients/{seed.Client}")).Json(HttpStatusCode.OK);
        Assert.Contains(client["recentInteractions"]!.AsArray(), i => i!.Str("note").Contains("Client will renew", StringComparison.Ordinal));

        var entries = await AuditReader.Of(api, "task", taskId);
        Assert.Equal(["task.complete:200", "task.create:201"], entries.Select(e => $"{e.Str("action")}:{e.Str("outcome")}"));
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField_UnknownIs404_WrongStateIs409()
    {
        var seed = await Seed.Create(api);
        var system = api.As("System");

        await (await system.PostJson("/api/tasks", new { clientId = seed.Client, due = DateTimeOffset.UtcNow.AddDays(1), owner = seed.Advisor }))
            .Problem(HttpStatusCode.BadRequest, "title");
        await (await system.PostJson("/api/tasks", new { clientId = seed.Client, title = "Call" })).Problem(HttpStatusCode.BadRequest, "owner");
        await (await system.PostJson("/api/tasks", new { clientId = seed.Client, title = "Call", owner = "nobody" })).Problem(HttpStatusCode.BadRequest, "owner");
        await (await system.PostJson("/api/tasks", new { clientId = seed.Client, title = "Call", owner = seed.Advisor, due = DateTimeOffset.UtcNow.AddDays(-1) }))
            .Problem(HttpStatusCode.BadRequest, "due");
        Assert.Empty((await (await system.GetAsync($"/api/employees/{seed.Advisor}/tasks")).Json(HttpStatusCode.OK)).AsArray());

        var taskId = (await (await system.PostJson("/api/tasks", new { clientId = seed.Client, title = "Call", owner = seed.Advisor }))
            .Json(HttpStatusCode.Created)).Str("taskId");
        await (await system.PostJson($"/api/tasks/{taskId}/snooze", new { until = DateTimeOffset.UtcNow.AddDays(-1) })).Problem(HttpStatusCode.BadRequest, "until");
        await (await system.PostJson($"/api/tasks/{taskId}/cancel", new { })).Problem(HttpStatusCode.BadRequest, "reason");
        await (await system.PostJson($"/api/tasks/{taskId}/complete", new { })).Problem(HttpStatusCode.BadRequest, "outcome");
        await (await system.PostJson("/api/tasks/TSK-20260101-0000000000/complete", new { outcome = "x" })).Json(HttpStatusCode.NotFound);

        var until = DateTimeOffset.UtcNow.AddDays(7);
        var snoozed = await (await system.PostJson($"/api/tasks/{taskId}/snooze", new { until, reason = "client abroad" })).Json(HttpStatusCode.OK);
        Assert.Equal("Snoozed", snoozed.Str("status"));
        await (await system.PostJson($"/api/tasks/{taskId}/cancel", new { reason = "client left" })).Json(HttpStatusCode.OK);
        await (await system.PostJson($"/api/tasks/{taskId}/complete", new { outcome = "late" })).Json(HttpStatusCode.Conflict);
        Assert.Equal("Cancelled", (await (await system.GetAsync($"/api/tasks/{taskId}")).Json(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task TaskList_IsReadByTheOwnerAndTheirManager_NotBySomeoneOutsideTheirReach()
    {
        var seed = await Seed.Create(api);
        var other = await Seed.Create(api);
        var taskId = (await (await api.As("System").PostJson("/api/tasks", new { clientId = seed.Client, title = "Call", owner = seed.Advisor }))
            .Json(HttpStatusCode.Created)).Str("taskId");

        var teamLead = await api.AsPerson(seed.TeamLead);
        Assert.Single((await (await teamLead.GetAsync($"/api/employees/{seed.Advisor}/tasks")).Json(HttpStatusCode.OK)).AsArray());

        var stranger = await api.AsPerson(other.Advisor);
        await (await stranger.GetAsync($"/api/employees/{seed.Advisor}/tasks")).Problem(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/tasks/{taskId}")).Problem(HttpStatusCode.NotFound);
        await (await stranger.PostJson($"/api/tasks/{taskId}/complete", new { outcome = "not mine" })).Problem(HttpStatusCode.NotFound);
    }
}
