using System.Collections.Concurrent;
using System.Net;
using WealthActors.Silo.Tests.Infrastructure;
using WealthActors.Testing;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>
/// <c>backup</c> taken from the running Silo while commands pour in: the restored database holds every command that was
/// acknowledged before the backup began, and every deadline pending in it fires after the restore.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _live = Directory.CreateTempSubdirectory("wealthactors-live-").FullName;
    private readonly string _restored = Directory.CreateTempSubdirectory("wealthactors-restored-").FullName;

    [Fact]
    public async Task BackupMidLoad_Restored_KeepsEveryAcknowledgedCommandAndFiresItsDeadlines()
    {
        var backup = Path.Combine(_restored, "backup.db");
        var acknowledgedBefore = new List<string>();
        var acknowledged = new ConcurrentBag<string>();
        await using (var silo = await SiloProcess.Start(Environment(_live), FreePort.Next()))
        {
            try
            {
                using var http = silo.Client();
                await Seed(http);
                using var stop = new CancellationTokenSource();
                var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        acknowledged.Add(await Open(http));
                    }
                })));
                await Eventually.Until(() => Task.FromResult(acknowledged.Count), count => count >= 20, "commands before the backup");

                acknowledgedBefore.AddRange(acknowledged);
                var taken = await SiloCommand.Run(Environment(_live), "backup", backup);
                await Eventually.Until(() => Task.FromResult(acknowledged.Count), count => count >= acknowledgedBefore.Count + 20, "commands after the backup");
                await stop.CancelAsync();
                await load;

                Assert.True(taken.ExitCode == 0, taken.Output + taken.Errors);
                Assert.Contains("keep a copy of that file", taken.Output);
                Assert.Equal(2, (await SiloCommand.Run(Environment(_live), "backup", backup)).ExitCode);
            }
            finally
            {
                output.WriteLine(silo.Output);
            }
        }

        File.Move(backup, Path.Combine(_restored, "wealthactors.db"));
        File.Copy(Path.Combine(_live, "wealthactors.keys.json"), Path.Combine(_restored, "wealthactors.keys.json"));
        await using var restored = await SiloProcess.Start(Environment(_restored), FreePort.Next());
        try
        {
            using var http = restored.Client();
            foreach (var id in acknowledgedBefore)
            {
                var complaint = await (await http.GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
                Assert.Contains(complaint["timeline"]!.AsArray(), t => t!.Str("kind") == "Note" && t.Str("text") == "Called back");
            }

            // Each case's first rung was seconds away when the backup was taken: every one of them fires.
            await Eventually.Until(
                async () => (await Task.WhenAll(acknowledgedBefore.Select(async id =>
                    (await (await http.GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK))["escalationLevel"]!.GetValue<int>()))).Count(level => level >= 1),
                fired => fired == acknowledgedBefore.Count, "the escalations of the restored cases", timeoutMs: 90_000);
        }
        finally
        {
            output.WriteLine(restored.Output);
        }
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _live, _restored })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    private static Dictionary<string, string> Environment(string folder) => new()
    {
        ["Storage__Sqlite__Path"] = Path.Combine(folder, "wealthactors.db"),
        ["Orleans__SiloPort"] = FreePort.Next().ToString(),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
        ["Sla__ReminderRetryPeriod"] = "00:00:02",
    };

    private static async Task<string> Open(HttpClient http)
    {
        var id = (await (await http.PostJson("/api/complaints", new
        {
            clientId = "C1", category = "Service", severity = "High", channel = "phone", description = "Slow transfer", openedBy = "E1", policyId = "backup",
        })).Json(HttpStatusCode.Created)).Str("complaintId");
        await (await http.PostJson($"/api/complaints/{id}/notes", new { by = "E1", text = "Called back" })).Json(HttpStatusCode.OK);
        return id;
    }

    private static async Task Seed(HttpClient http)
    {
        await (await http.PutJson("/api/branches/B1", new { name = "Lujiazui", headEmployeeId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E3", new { name = "Wang", role = "BranchHead", branchId = "B1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E1", new { name = "Chen", role = "Advisor", branchId = "B1", managerId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/clients/C1", new { name = "张伟", branchId = "B1", advisorId = "E1", vip = true })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/sla-policies/backup", new
        {
            name = "Seconds-long backup policy", match = new { categories = new[] { "never-matches" } }, priority = 0, clock = "Calendar",
            firstResponse = "PT1H", resolution = "P1D", warnAt = 0.9,
            escalations = new[] { new { after = "PT20S", toRole = "BranchHead", action = "Notify" } },
        })).Json(HttpStatusCode.OK);
    }
}
