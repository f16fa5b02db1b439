using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using WealthActors.Silo.Tests.Imports;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>
/// A handover outlives its silo: the Silo killed with SIGKILL while moving 10,000 clients resumes at its next start,
/// and every client ends with the new advisor, moved once, with its open complaints and open tasks.
/// </summary>
public sealed class HandoverRestartTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 10_000;

    private const int ComplaintEvery = 500;

    private const string ComplianceKey = "process-test-compliance-key-0123456789";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("wealthactors-handover-").FullName;

    private string DatabasePath => Path.Combine(_dataDirectory, "wealthactors.db");

    [Fact]
    public async Task Silo_KilledMidHandover_ResumesAfterRestart_AndMovesEveryClientOnce()
    {
        var environment = Environment();
        var httpPort = FreePort.Next();
        string handoverId;
        var complaints = new List<string>();
        var tasks = new List<string>();
        var first = await SiloProcess.Start(environment, httpPort);
        var handoverTime = new Stopwatch();
        try
        {
            using var http = first.Client();
            var seeding = Stopwatch.StartNew();
            await SeedOrg(http);
            await Workbooks.Import(http, "clients", Book());
            for (var i = 0; i < Clients; i += ComplaintEvery)
            {
                complaints.Add((await (await http.PostJson("/api/complaints", new
                {
                    clientId = ClientId(i), category = "Service", severity = "Normal", channel = "phone", description = $"case {i}", openedBy = "CC-1",
                })).Json(HttpStatusCode.Created)).Str("complaintId"));
                tasks.Add((await (await http.PostJson("/api/tasks", new { clientId = ClientId(i + 1), title = $"follow up {i}", owner = "E1" }))
                    .Json(HttpStatusCode.Created)).Str("taskId"));
            }

            output.WriteLine($"seeded {Clients} clients, {complaints.Count} complaints and {tasks.Count} tasks in {seeding.Elapsed}");
            handoverTime.Start();
            handoverId = (await (await http.PostJson("/api/employees/E1/handover", new { to = "E2" })).Json(HttpStatusCode.Accepted)).Str("handoverId");
            var during = await Eventually.Until(Status(http, handoverId), s => (int)s["processed"]! >= Clients / 4, "a quarter of the clients", timeoutMs: 60_000);
            Assert.True((int)during["processed"]! < Clients, "the silo is killed before the handover ends");
            output.WriteLine($"killed after {during["processed"]} clients");
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
            var done = await Eventually.Until(Status(http, handoverId), s => s.Str("status") == "Completed", "the handover to end after the restart", timeoutMs: 120_000);
            output.WriteLine($"handover of {Clients} clients, killed and resumed, took {handoverTime.Elapsed}");

            Assert.Equal((Clients, Clients, Clients, 0, complaints.Count, tasks.Count),
                ((int)done["total"]!, (int)done["processed"]!, (int)done["moved"]!, (int)done["skipped"]!, (int)done["complaintsMoved"]!, (int)done["tasksMoved"]!));
            // Each client's state was written by the import and by its one move (and once more where a complaint was linked).
            Assert.Equal(Enumerable.Range(0, Clients).Select(i => i % ComplaintEvery == 0 ? 3L : 2L), await Scalars<long>(
                "SELECT version FROM orleans_storage WHERE grain_type LIKE 'client/%' AND grain_ext LIKE '~H%' ORDER BY grain_ext"));
            Assert.Equal([$"E2:{Clients}"], await Scalars<string>("SELECT advisor_id || ':' || count(*) FROM rm_clients GROUP BY advisor_id"));
            foreach (var complaintId in complaints)
            {
                var complaint = await (await http.GetAsync($"/api/complaints/{complaintId}")).Json(HttpStatusCode.OK);
                Assert.Equal("E2", complaint.Str("assignee"));
                Assert.Single(complaint["timeline"]!.AsArray(), e => e!.Str("kind") == "Assigned");
            }

            foreach (var taskId in tasks)
            {
                var task = await (await http.GetAsync($"/api/tasks/{taskId}")).Json(HttpStatusCode.OK);
                Assert.Equal("E2", task.Str("owner"));
                Assert.Single(task["timeline"]!.AsArray(), e => e!.Str("kind") == "Assigned");
            }

            foreach (var employee in new[] { "E1", "E2", "E3" })
            {
                var inbox = await (await http.GetAsync($"/api/employees/{employee}/inbox")).Json(HttpStatusCode.OK);
                Assert.Single(inbox.AsArray(), m => m!.Str("key") == $"handover:{handoverId}:{employee}");
            }

            using var compliance = new HttpClient { BaseAddress = second.BaseAddress };
            compliance.DefaultRequestHeaders.Add("X-Api-Key", ComplianceKey);
            var audit = await (await compliance.GetAsync($"/api/audit?targetType=handover&targetId={handoverId}")).Json(HttpStatusCode.OK);
            Assert.Single(audit["entries"]!.AsArray(), e => e.Str("action") == "handover.complete");
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
            // A file still held by the killed process's last handles; the temp folder is cleaned by the OS eventually.
        }
    }

    private static string ClientId(int i) => $"H{i:000000}";

    private static Func<Task<JsonNode>> Status(HttpClient http, string handoverId) =>
        async () => await (await http.GetAsync($"/api/handovers/{handoverId}")).Json(HttpStatusCode.OK);

    private Dictionary<string, string> Environment() => new()
    {
        ["Storage__Sqlite__Path"] = DatabasePath,
        ["Orleans__SiloPort"] = FreePort.Next().ToString(),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
        ["Auth__ApiKeys__1__Name"] = "compliance",
        ["Auth__ApiKeys__1__Key"] = ComplianceKey,
        ["Auth__ApiKeys__1__Roles__0"] = "Compliance",
    };

    private static async Task SeedOrg(HttpClient http)
    {
        await (await http.PutJson("/api/branches/B1", new { name = "Lujiazui", headEmployeeId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E3", new { name = "Wang", role = "BranchHead", branchId = "B1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E1", new { name = "Chen", role = "Advisor", branchId = "B1", managerId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E2", new { name = "Lin", role = "Advisor", branchId = "B1", managerId = "E3" })).Json(HttpStatusCode.OK);
    }

    private static byte[] Book() => Workbooks.Sheet(
        ["clientId", "name", "branchId", "advisorId"],
        [.. Enumerable.Range(0, Clients).Select(i => new object?[] { ClientId(i), $"客户 {i}", "B1", "E1" })]);

    private async Task<List<T>> Scalars<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
