using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using WealthActors.Silo.Tests.Imports;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>
/// An import outlives its silo: the Silo killed with SIGKILL mid-import resumes it at its next start, and every row ends
/// up written exactly once; and the same import run from a terminal with the <c>import</c> verb.
/// </summary>
public sealed class ImportRestartTests(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 10_000;

    private const string ComplianceKey = "process-test-compliance-key-0123456789";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("wealthactors-import-").FullName;

    private string DatabasePath => Path.Combine(_dataDirectory, "wealthactors.db");

    [Fact]
    public async Task Silo_KilledMidImport_ResumesAfterRestart_AndWritesEveryRowOnce()
    {
        var environment = Environment();
        var httpPort = FreePort.Next();
        string importId;
        var first = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = first.Client();
            await SeedOrg(http);
            var accepted = await (await Workbooks.Upload(http, "clients", Book())).Json(HttpStatusCode.Accepted);
            importId = accepted.Str("importId");
            var during = await Eventually.Until(
                async () => await (await http.GetAsync($"/api/imports/{importId}")).Json(HttpStatusCode.OK),
                s => (int)s["processed"]! > 0, "the first chunk", timeoutMs: 60_000);
            Assert.True((int)during["processed"]! < Rows, "the silo is killed before the import ends");
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
            var done = await Eventually.Until(
                async () => await (await http.GetAsync($"/api/imports/{importId}")).Json(HttpStatusCode.OK),
                s => s.Str("status") != "Running", "the import to end after the restart", timeoutMs: 120_000);
            Assert.Equal(("Completed", Rows, Rows, 0), (done.Str("status"), (int)done["total"]!, (int)done["processed"]!, (int)done["failed"]!));
            Assert.Equal(Enumerable.Repeat(1L, Rows), await ClientVersions());
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dataDirectory, "imports")));

            using var compliance = Compliance(second);
            var audit = await (await compliance.GetAsync($"/api/audit?targetType=import&targetId={importId}")).Json(HttpStatusCode.OK);
            Assert.Contains(audit["entries"]!.AsArray(), e => e.Str("action") == "import.clients" && e.Str("channel") == "job" && e.Str("outcome") == "ok");
        }
        finally
        {
            output.WriteLine(second.Output);
        }
    }

    [Fact]
    public async Task ImportVerb_ImportsFromATerminal_AndAuditsIt()
    {
        var environment = Environment();
        var httpPort = FreePort.Next();
        await using (var silo = await SiloProcess.Start(environment, httpPort))
        {
            using var http = silo.Client();
            await SeedOrg(http);
            await silo.Kill();
        }

        var file = Path.Combine(_dataDirectory, "clients.xlsx");
        await File.WriteAllBytesAsync(file, Workbooks.Sheet(
            ["客户编号", "姓名", "网点", "客户经理", "手机"],
            ["CLI-1", "终端导入", "B1", "E1", "13800000000"],
            ["CLI-2", "坏电话", "B1", "E1", "not a phone"]));
        var result = await SiloCommand.Run(environment, "import", "clients", file);
        output.WriteLine(result.Output);
        output.WriteLine(result.Errors);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 of 2 rows of clients imported, 1 rejected", result.Output);
        Assert.Contains("2/2 rows", result.Errors);
        var errors = Workbooks.Read(await File.ReadAllBytesAsync(Path.ChangeExtension(file, ".errors.xlsx")));
        Assert.Equal("3", errors[1]["A"]);

        await using var again = await SiloProcess.Start(environment, httpPort);
        using var client = again.Client();
        Assert.Equal("终端导入", (await (await client.GetAsync("/api/clients/CLI-1")).Json(HttpStatusCode.OK))["profile"].Str("name"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/clients/CLI-2")).StatusCode);
        using var compliance = Compliance(again);
        var audit = await (await compliance.GetAsync("/api/audit?targetType=import")).Json(HttpStatusCode.OK);
        Assert.Contains(audit["entries"]!.AsArray(), e => e.Str("action") == "import.clients" && e.Str("channel") == "cli" && e.Str("door") == "cli");
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

    private Dictionary<string, string> Environment() => new()
    {
        ["Storage__Sqlite__Path"] = DatabasePath,
        ["Orleans__SiloPort"] = FreePort.Next().ToString(),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
        ["Imports__ChunkRows"] = "100",
        ["Auth__ApiKeys__1__Name"] = "compliance",
        ["Auth__ApiKeys__1__Key"] = ComplianceKey,
        ["Auth__ApiKeys__1__Roles__0"] = "Compliance",
    };

    private static HttpClient Compliance(SiloProcess silo)
    {
        var client = new HttpClient { BaseAddress = silo.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", ComplianceKey);
        return client;
    }

    private static async Task SeedOrg(HttpClient http)
    {
        await (await http.PutJson("/api/branches/B1", new { name = "Lujiazui", headEmployeeId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E3", new { name = "Wang", role = "BranchHead", branchId = "B1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E1", new { name = "Chen", role = "Advisor", branchId = "B1", managerId = "E3" })).Json(HttpStatusCode.OK);
    }

    private static byte[] Book() => Workbooks.Sheet(
        ["clientId", "name", "phone", "birthday", "branchId", "advisorId"],
        [.. Enumerable.Range(1, Rows).Select(i => new object?[] { $"R{i:000000}", $"客户 {i}", $"139{i:00000000}", "1980-01-01", "B1", "E1" })]);

    /// <summary>The stored version of every imported client's state: 1 where it was written once.</summary>
    private async Task<List<long>> ClientVersions()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM orleans_storage WHERE grain_type LIKE 'client/%' AND grain_ext LIKE '~R%' ORDER BY grain_ext";
        var versions = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }
}
