using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Infrastructure;
using WealthActors.Silo.Tests.Processes;
using Xunit.Abstractions;
using static WealthActors.Silo.Tests.Suitability.SuitabilityApiTests;

namespace WealthActors.Silo.Tests.Suitability;

/// <summary>
/// An override nobody approves escalates on its SLA policy even when the silo is killed (SIGKILL) while it waits: the
/// deadline is a durable reminder, and the restarted silo fires it once.
/// </summary>
public sealed class OverrideEscalationRestartTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("wealthactors-override-").FullName;

    [Fact]
    public async Task Override_SiloKilledWhileComplianceSitsOnIt_EscalatesOnceAfterRestart()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Sqlite__Path"] = Path.Combine(_dataDirectory, "wealthactors.db"),
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Sla__ReminderRetryPeriod"] = "00:00:02",
        };
        var httpPort = FreePort.Next();
        string subscriptionId;
        var first = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = first.Client();
            await (await http.PutJson("/api/branches/B1", new { name = "Lujiazui", headEmployeeId = "E3" })).Json(HttpStatusCode.OK);
            await (await http.PutJson("/api/employees/E3", new { name = "Wang", role = "BranchHead", branchId = "B1" })).Json(HttpStatusCode.OK);
            await (await http.PutJson("/api/employees/E1", new { name = "Chen", role = "Advisor", branchId = "B1", managerId = "E3" })).Json(HttpStatusCode.OK);
            await (await http.PutJson("/api/clients/C1", new { name = "张伟", branchId = "B1", advisorId = "E1" })).Json(HttpStatusCode.OK);
            // The approval's ladder in seconds: the branch head hears of it 8 s after the request.
            await (await http.PutJson("/api/sla-policies/suitability-override", new
            {
                name = "Seconds-long approval", match = new { categories = new[] { "SuitabilityOverride" } }, priority = 0, clock = "Calendar",
                firstResponse = "PT1H", resolution = "P1D", warnAt = 0.9,
                escalations = new[] { new { after = "PT8S", toRole = "BranchHead", action = "Notify" } },
            })).Json(HttpStatusCode.OK);
            await Shelve(http, "TP-R5", "R5");
            await (await http.PostJson("/api/clients/C1/risk-assessments", new { level = "C2", assessedOn = DateTime.UtcNow.ToString("yyyy-MM-dd") })).Json(HttpStatusCode.OK);

            var created = await (await http.PostJson("/api/clients/C1/subscriptions", new { productCode = "TP-R5", amount = 1_000_000 })).Json(HttpStatusCode.Created);
            subscriptionId = created.Str("subscriptionId");
            var warning = await (await http.PostAsync("/api/evidence", Evidence("C1", "SignedWarning", Pdf, "application/pdf", "w.pdf"))).Json(HttpStatusCode.Created);
            var recording = await (await http.PostAsync("/api/evidence", Evidence("C1", "Recording", Mp4, "video/mp4", "r.mp4"))).Json(HttpStatusCode.Created);
            await (await http.PostJson($"/api/subscriptions/{subscriptionId}/override", new
            {
                warningEvidenceId = warning.Str("evidenceId"), recordingEvidenceId = recording.Str("evidenceId"), reason = "client insists",
            })).Json(HttpStatusCode.OK);
            Assert.Empty(await Escalations(http, subscriptionId));
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
                escalations = await Escalations(http, subscriptionId);
            }

            Assert.Equal($"{subscriptionId}:approval:1:1", Assert.Single(escalations).Str("key"));
            var subscription = await (await http.GetAsync($"/api/subscriptions/{subscriptionId}")).Json(HttpStatusCode.OK);
            Assert.Equal("PendingApproval", subscription.Str("status"));
            Assert.Equal(1, subscription["escalationLevel"]!.GetValue<int>());
            // The escalation's reminder is re-armed for the next deadline (or gone): no tick comes soon. A call after
            // that waits for any tick still running in the grain.
            await SqliteReminderRows.NoneDueSoon(environment["Storage__Sqlite__Path"], subscriptionId);
            await (await http.GetAsync($"/api/subscriptions/{subscriptionId}")).Json(HttpStatusCode.OK);
            Assert.Single(await Escalations(http, subscriptionId));
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

    private static async Task<JsonNode[]> Escalations(HttpClient http, string subscriptionId)
    {
        var inbox = await (await http.GetAsync("/api/employees/E3/inbox")).Json(HttpStatusCode.OK);
        return inbox.AsArray()
            .Where(m => m!.Str("kind") == "Escalation" && m.Str("key").StartsWith($"{subscriptionId}:approval:", StringComparison.Ordinal))
            .Select(m => m!).ToArray();
    }
}
