using System.Collections.Concurrent;
using System.Net;

namespace WealthActors.Testing.Contracts;

/// <summary>
/// The backup test both storages run: four callers open and annotate complaints against the real Silo while the
/// backup is taken; after the restore, every case acknowledged before the backup began is there with its note, and
/// each one's first rung (20 s after opening, so pending when the backup was taken) fires.
/// </summary>
public static class BackupRestoreScenario
{
    /// <summary>Seeds, loads, runs <paramref name="takeBackup"/> mid-load; returns the cases acknowledged before it began.</summary>
    public static async Task<IReadOnlyList<string>> BackupMidLoad(HttpClient http, Func<Task> takeBackup)
    {
        await Seed(http);
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                acknowledged.Add(await Open(http));
            }
        })));
        await Eventually.Until(() => Task.FromResult(acknowledged.Count), count => count >= 20, "commands before the backup");

        var before = acknowledged.ToList();
        await takeBackup();
        await Eventually.Until(() => Task.FromResult(acknowledged.Count), count => count >= before.Count + 20, "commands after the backup");
        await stop.CancelAsync();
        await load;
        return before;
    }

    /// <summary>Asserts, against the restored Silo, that every case of <paramref name="acknowledgedBefore"/> came back and escalates.</summary>
    public static async Task AssertRestored(HttpClient http, IReadOnlyList<string> acknowledgedBefore)
    {
        foreach (var id in acknowledgedBefore)
        {
            var complaint = await (await http.GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
            Assert.Contains(complaint["timeline"]!.AsArray(), t => t!.Str("kind") == "Note" && t.Str("text") == "Called back");
        }

        await Eventually.Until(
            async () => (await Task.WhenAll(acknowledgedBefore.Select(async id =>
                (await (await http.GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK))["escalationLevel"]!.GetValue<int>()))).Count(level => level >= 1),
            fired => fired == acknowledgedBefore.Count, "the escalations of the restored cases", timeoutMs: 90_000);
    }

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
