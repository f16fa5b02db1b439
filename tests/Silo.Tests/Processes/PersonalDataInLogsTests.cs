using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>
/// Logs are a door too: whatever a client's record goes through (written, read in full, searched, refused), the Silo's
/// output holds none of its personal data, even with every category logging at Debug.
/// </summary>
public sealed class PersonalDataInLogsTests : IDisposable
{
    private const string Phone = "13987654321";
    private const string IdNumber = "31010119750203987X";
    private const string Birthday = "1975-02-03";

    private readonly string _folder = Directory.CreateTempSubdirectory("wealthactors-logs-").FullName;

    [Fact]
    public async Task ClientWrittenReadSearchedAndRefused_LeavesNoPersonalDataInTheOutput()
    {
        var httpPort = FreePort.Next();
        await using var silo = await SiloProcess.Start(new Dictionary<string, string>
        {
            ["Storage__Sqlite__Path"] = Path.Combine(_folder, "silo", "wealthactors.db"),
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
            ["Logging__LogLevel__Orleans"] = "Debug",
        }, httpPort);
        using var http = silo.Client();
        var client = $$"""{"name":"周敏","birthday":"{{Birthday}}","phone":"{{Phone}}","idNumber":"{{IdNumber}}","branchId":"LB","advisorId":"LE1"}""";

        Assert.Equal(HttpStatusCode.OK, (await http.PutRaw("/api/branches/LB", """{"name":"Logs","headEmployeeId":"LE1"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutRaw("/api/employees/LE1", """{"name":"Chen","role":"Advisor","branchId":"LB"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutRaw("/api/clients/LC1", client)).StatusCode);
        Assert.Contains(Phone, await (await http.GetAsync("/api/clients/LC1")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(Birthday, await (await http.GetAsync("/api/clients?q=LC1")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutRaw("/api/clients/LC2", client.Replace("\"LE1\"", "\"nobody\"", StringComparison.Ordinal))).StatusCode);
        await Eventually.Until(
            () => Task.FromResult(silo.Output),
            output => output.Contains("/api/clients/LC2", StringComparison.Ordinal),
            "the refused request's log lines",
            timeoutMs: 30_000);

        Assert.Contains("/api/clients/LC1", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(IdNumber, silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Birthday, silo.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
