using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>The published Silo on a SQLite file, killed with SIGKILL before a deadline and started again.</summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("wealthactors-crash-").FullName;

    [Fact]
    public async Task Silo_KilledBeforeDeadline_EscalatesOnceAfterRestartAndKeepsEverything()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Sqlite__Path"] = Path.Combine(_dataDirectory, "wealthactors.db"),
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            // A deadline missed while the process is down fires at the next retry boundary after restart.
            ["Sla__ReminderRetryPeriod"] = "00:00:02",
        };
        var httpPort = FreePort.Next();
        string complaintId;
        var first = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = first.Client();
            await Seed(http);
            var opened = await (await http.PostJson("/api/complaints", new
            {
                clientId = "C1", category = "Service", severity = "High", channel = "phone", description = "Slow transfer",
                openedBy = "E1", policyId = "fast",
            })).Json(HttpStatusCode.Created);
            complaintId = opened.Str("complaintId");
            await (await http.PostJson($"/api/complaints/{complaintId}/notes", new { by = "E1", text = "Called back" })).Json(HttpStatusCode.OK);
            Assert.Empty(await Escalations(http, complaintId));
        }
        finally
        {
            await first.Kill();
            output.WriteLine(first.Output);
        }

        await using var second = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = second.Client();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            JsonNode[] escalations = [];
            while (escalations.Length == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
                escalations = await Escalations(http, complaintId);
            }

            Assert.Equal($"{complaintId}:1:1", Assert.Single(escalations).Str("key"));

            // Everything acknowledged before the kill is still there.
            var complaint = await (await http.GetAsync($"/api/complaints/{complaintId}")).Json(HttpStatusCode.OK);
            Assert.Contains(complaint["timeline"]!.AsArray(), t => t!.Str("kind") == "Note" && t.Str("text") == "Called back");
            Assert.Equal(1, complaint["escalationLevel"]!.GetValue<int>());
            var client = await (await http.GetAsync("/api/clients/C1")).Json(HttpStatusCode.OK);
            Assert.Equal("张伟", client["profile"]!.Str("name"));
            Assert.Contains(complaintId, client["openComplaints"]!.AsArray().Select(c => c!.GetValue<string>()));

            // A restart of a restart delivers nothing new.
            Assert.Single(await Escalations(http, complaintId));

            // The reminder tick that fired it is counted where operators watch for late reminders.
            var metrics = await http.GetStringAsync("/metrics");
            Assert.Matches("orleans_reminders_tardiness_seconds_count(\\{[^}]*\\})? [1-9]", metrics);
        }
        finally
        {
            output.WriteLine(second.Output);
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
        await (await http.PutJson("/api/employees/E1", new { name = "Chen", role = "Advisor", branchId = "B1", managerId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/clients/C1", new { name = "张伟", branchId = "B1", advisorId = "E1", vip = true })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/sla-policies/fast", new
        {
            name = "Seconds-long test policy", match = new { categories = new[] { "never-matches" } }, priority = 0, clock = "Calendar",
            firstResponse = "PT1H", resolution = "P1D", warnAt = 0.9,
            escalations = new[] { new { after = "PT8S", toRole = "BranchHead", action = "Notify" } },
        })).Json(HttpStatusCode.OK);
    }

    private static async Task<JsonNode[]> Escalations(HttpClient http, string complaintId)
    {
        var inbox = await (await http.GetAsync("/api/employees/E3/inbox")).Json(HttpStatusCode.OK);
        return inbox.AsArray().Where(m => m!.Str("kind") == "Escalation" && m.Str("complaintId") == complaintId).Select(m => m!).ToArray();
    }
}
