using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>
/// The Silo on a SQLite file, killed with SIGKILL before an overdue task reaches the owner's manager and started
/// again: the durable reminder brings the escalation once, and a second restart brings nothing new.
/// </summary>
public sealed class TaskEscalationRestartTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("wealthactors-task-").FullName;

    [Fact]
    public async Task OverdueTask_SiloKilledBeforeTheEscalation_ReachesTheManagerOnceAfterRestart()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Sqlite__Path"] = Path.Combine(_dataDirectory, "wealthactors.db"),
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Sla__ReminderRetryPeriod"] = "00:00:02",
        };
        var httpPort = FreePort.Next();
        string taskId;
        var first = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = first.Client();
            await Seed(http);
            var created = await (await http.PostJson("/api/tasks", new
            {
                clientId = "C1", title = "Follow up on the redemption", owner = "E1", due = DateTimeOffset.UtcNow.AddSeconds(3), kind = "FastFollowUp",
            })).Json(HttpStatusCode.Created);
            taskId = created.Str("taskId");
            Assert.Equal("fast-task", created.Str("policyId"));
            Assert.Empty(await Escalations(http, taskId));
        }
        finally
        {
            await first.Kill();
            output.WriteLine(first.Output);
        }

        await using (var second = await SiloProcess.Start(environment, httpPort))
        {
            try
            {
                using var http = second.Client();
                var deadline = DateTime.UtcNow.AddSeconds(60);
                JsonNode[] escalations = [];
                while (escalations.Length == 0 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(250);
                    escalations = await Escalations(http, taskId);
                }

                Assert.Equal($"{taskId}:1:1:0", Assert.Single(escalations).Str("key"));
                var task = await (await http.GetAsync($"/api/tasks/{taskId}")).Json(HttpStatusCode.OK);
                Assert.Equal(1, task["escalationLevel"]!.GetValue<int>());
                Assert.True(task["overdue"]!.GetValue<bool>());
                var owner = await (await http.GetAsync("/api/employees/E1/inbox")).Json(HttpStatusCode.OK);
                Assert.Single(owner.AsArray(), m => m!.Str("key") == $"{taskId}:breach-resolution:1:0");
            }
            finally
            {
                await second.Kill();
                output.WriteLine(second.Output);
            }
        }

        // A restart of a restart delivers nothing new.
        await using var third = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = third.Client();
            // Activating the task catches up on what fell due while it was down, before the call returns.
            await (await http.GetAsync($"/api/tasks/{taskId}")).Json(HttpStatusCode.OK);
            // No tick is left to come soon; a call after that waits for any tick still running in the grain.
            await SqliteReminderRows.NoneDueSoon(environment["Storage__Sqlite__Path"], taskId);
            await (await http.GetAsync($"/api/tasks/{taskId}")).Json(HttpStatusCode.OK);
            Assert.Single(await Escalations(http, taskId));
        }
        finally
        {
            output.WriteLine(third.Output);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static async Task Seed(HttpClient http)
    {
        await (await http.PutJson("/api/branches/B1", new { name = "Lujiazui", headEmployeeId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E3", new { name = "Wang", role = "BranchHead", branchId = "B1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E2", new { name = "Li", role = "TeamLead", branchId = "B1", managerId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E1", new { name = "Chen", role = "Advisor", branchId = "B1", managerId = "E2" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/clients/C1", new { name = "张伟", branchId = "B1", advisorId = "E1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/sla-policies/fast-task", new
        {
            name = "Seconds-long task policy", match = new { categories = new[] { "FastFollowUp" }, kind = "Task" }, priority = 10, clock = "Calendar",
            firstResponse = "P1D", resolution = "P1D", warnAt = 0.9,
            escalations = new[] { new { after = "PT6S", toRole = "TeamLead", action = "Notify" } },
        })).Json(HttpStatusCode.OK);
    }

    private static async Task<JsonNode[]> Escalations(HttpClient http, string taskId)
    {
        var inbox = await (await http.GetAsync("/api/employees/E2/inbox")).Json(HttpStatusCode.OK);
        return inbox.AsArray().Where(m => m!.Str("kind") == "Escalation" && m.Str("key").StartsWith(taskId + ":", StringComparison.Ordinal)).Select(m => m!).ToArray();
    }
}
