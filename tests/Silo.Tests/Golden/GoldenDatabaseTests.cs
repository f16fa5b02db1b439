using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Golden;

/// <summary>
/// Stored data survives releases. <c>tests/Silo.Tests/Golden/release-2026-12.db</c> (with its key file) is an embedded
/// database written through the API by the release of December 2026: a branch and its people, clients with holdings,
/// a household and an interaction, an acknowledged complaint with a note and an open one waiting for its first
/// escalation, a custom SLA policy and a calendar. Every later release must open it (its grain states through
/// Orleans' version-tolerant serializer, its schema through the migrations), read all of it back, and fire the open
/// case's pending deadline exactly once. Never regenerate the file to make this pass: a failure means stored data
/// would be lost in an upgrade. (<c>WA_GOLDEN_WRITE=1</c> writes a new one, for a new golden of a later release.)
/// </summary>
public sealed class GoldenDatabaseTests
{
    private const string Release = "release-2026-12";

    // The business clock of the day the golden was written; reading it back starts a minute later.
    private static readonly DateTimeOffset WrittenAt = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static string GoldenDatabase => Path.Combine(RepositoryFiles.Root, "tests", "Silo.Tests", "Golden", $"{Release}.db");

    [Fact]
    public async Task TheDecember2026Database_OpensReadsBackAndFiresItsPendingDeadlineOnce()
    {
        if (Environment.GetEnvironmentVariable("WA_GOLDEN_WRITE") == "1")
        {
            await Write();
        }

        using var folder = new Storage.TempFolder();
        var database = Path.Combine(folder.Path, "wealthactors.db");
        File.Copy(GoldenDatabase, database);
        var keys = Path.ChangeExtension(database, ".keys.json");
        File.Copy(Path.ChangeExtension(GoldenDatabase, ".keys.json"), keys);
        // A clone does not keep file modes; the Silo opens a key file only when its owner alone can read it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var clock = new FakeTimeProvider(WrittenAt.AddMinutes(1));
        await using var api = ApiFactory.WithClock(clock, new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = database });
        var compliance = api.As("Compliance");

        var branch = await (await compliance.GetAsync("/api/branches/G-B1")).Json(HttpStatusCode.OK);
        Assert.Equal(("陆家嘴支行", "G-E3"), (branch.Str("name"), branch.Str("headEmployeeId")));
        var advisor = await (await compliance.GetAsync("/api/employees/G-E1")).Json(HttpStatusCode.OK);
        Assert.Equal(("陈顾问", "Advisor", "G-E3", "en"), (advisor.Str("name"), advisor.Str("role"), advisor.Str("managerId"), advisor.Str("language")));

        var client = await (await compliance.GetAsync("/api/clients/G-C1")).Json(HttpStatusCode.OK);
        var profile = client["profile"]!;
        Assert.Equal(("周杰", "13912345678", "310101197105200011", "1971-05-20"),
            (profile.Str("name"), profile.Str("phone"), profile.Str("idNumber"), profile.Str("birthday")));
        var holding = Assert.Single(client["holdings"]!.AsArray())!;
        Assert.Equal(("TR-1", "2027-06-30"), (holding.Str("productCode"), holding.Str("maturityDate")));
        Assert.Equal(3_000_000m, holding["amount"]!.GetValue<decimal>());
        Assert.Equal("G-C2", Assert.Single(client["household"]!.AsArray())!.Str("clientId"));
        Assert.Contains(client["recentInteractions"]!.AsArray(), i => i!.Str("note") == "季度回访");

        var cases = (await (await compliance.GetAsync("/api/complaints?branchId=G-B1")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Equal(2, cases.Count);
        var answered = cases.Single(c => c!.Str("status") == "Acknowledged")!.Str("complaintId");
        var waiting = cases.Single(c => c!.Str("status") == "Open")!.Str("complaintId");
        var timeline = await Timeline(compliance, answered);
        Assert.Contains(timeline, e => e.Str("kind") == "Note" && e.Str("text") == "已致电客户");
        Assert.Equal("fast-golden", (await (await compliance.GetAsync($"/api/complaints/{waiting}")).Json(HttpStatusCode.OK)).Str("policyId"));

        var policy = await (await compliance.GetAsync("/api/sla-policies/fast-golden")).Json(HttpStatusCode.OK);
        Assert.Equal("PT2H", policy["escalations"]![0]!.Str("after"));
        var calendar = await (await compliance.GetAsync("/api/calendars/golden-london")).Json(HttpStatusCode.OK);
        Assert.Equal("Europe/London", calendar.Str("timeZone"));

        // Saved before history was kept: each shows its stored content as its only version, by no one recorded.
        var policyVersions = (await (await compliance.GetAsync("/api/sla-policies/fast-golden/versions")).Json(HttpStatusCode.OK)).AsArray();
        var only = Assert.Single(policyVersions)!;
        Assert.Equal((1, null, "PT2H"), (only["version"]!.GetValue<int>(), only["savedBy"]?.GetValue<string>(), only["content"]!["escalations"]![0]!.Str("after")));
        var calendarVersions = (await (await compliance.GetAsync("/api/calendars/golden-london/versions")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Equal("Europe/London", Assert.Single(calendarVersions)!["content"]!.Str("timeZone"));
        await (await api.As("Admin").PutJson("/api/calendars/golden-london", new { name = "London", timeZone = "Europe/London", holidays = new[] { new { date = "2026-12-25", name = "Christmas Day" } } }))
            .Json(HttpStatusCode.OK);
        calendarVersions = (await (await compliance.GetAsync("/api/calendars/golden-london/versions")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Equal([(2, "admin"), (1, null)], calendarVersions.Select(v => (v!["version"]!.GetValue<int>(), v["savedBy"]?.GetValue<string>())));

        // The open case's first rung was 2 hours away when the release stopped: it fires once, to the branch head.
        clock.Advance(TimeSpan.FromHours(3));
        await Eventually.Until(
            async () => (await Timeline(compliance, waiting)).Count(e => e.Str("kind") == "Escalated"),
            fired => fired >= 1, $"the pending escalation of {waiting}");
        clock.Advance(TimeSpan.FromHours(1));
        var inbox = (await (await compliance.GetAsync("/api/employees/G-E3/inbox")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Single(inbox, m => m!.Str("kind") == "Escalation" && m.Str("complaintId") == waiting);
    }

    private static async Task<List<JsonNode>> Timeline(HttpClient http, string complaintId) =>
        [.. (await (await http.GetAsync($"/api/complaints/{complaintId}/timeline?limit=200")).Json(HttpStatusCode.OK))["entries"]!.AsArray().Select(e => e!)];

    /// <summary>Writes the golden through the API of this release, then copies the database (consistent, in one file) and its key file.</summary>
    private static async Task Write()
    {
        var clock = new FakeTimeProvider(WrittenAt);
        await using var api = ApiFactory.WithClock(clock);
        var admin = api.As("Admin");
        var system = api.As("System");
        await (await admin.PutJson("/api/branches/G-B1", new { name = "陆家嘴支行", headEmployeeId = "G-E3" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson("/api/employees/G-E3", new { name = "王行长", role = "BranchHead", branchId = "G-B1" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson("/api/employees/G-E1", new { name = "陈顾问", role = "Advisor", branchId = "G-B1", managerId = "G-E3", language = "en" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson("/api/employees/G-E9", new { name = "合规", role = "Compliance", branchId = "G-B1" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson("/api/sla-policies/fast-golden", new
        {
            name = "Golden policy", match = new { categories = new[] { "golden" } }, priority = 100, clock = "Calendar",
            firstResponse = "PT1H", resolution = "P1D", warnAt = 0.8,
            escalations = new[] { new { after = "PT2H", toRole = "BranchHead", action = "Notify" } },
        })).Json(HttpStatusCode.OK);
        await (await admin.PutJson("/api/calendars/golden-london", new { name = "London", timeZone = "Europe/London", holidays = Array.Empty<object>() })).Json(HttpStatusCode.OK);
        await (await system.PutJson("/api/clients/G-C1", new
        {
            name = "周杰", birthday = "1971-05-20", phone = "13912345678", idNumber = "310101197105200011", branchId = "G-B1", advisorId = "G-E1", vip = true,
        })).Json(HttpStatusCode.OK);
        await (await system.PutJson("/api/clients/G-C2", new { name = "周太太", branchId = "G-B1", advisorId = "G-E1" })).Json(HttpStatusCode.OK);
        await (await system.PostJson("/api/clients/G-C1/holdings", new
        {
            productCode = "TR-1", productName = "鑫盛1号", productRisk = "R3", amount = 3_000_000m, maturityDate = "2027-06-30",
        })).Json(HttpStatusCode.OK);
        await (await system.PutJson("/api/clients/G-C1/household", new { members = new[] { new { clientId = "G-C2", relation = "配偶" } } })).Json(HttpStatusCode.OK);
        var advisor = await api.AsPerson("G-E1");
        await (await advisor.PostJson("/api/clients/G-C1/interactions", new { kind = "Call", note = "季度回访" })).Json(HttpStatusCode.Created);
        var answered = (await (await system.PostJson("/api/complaints", new
        {
            clientId = "G-C1", category = "fees", severity = "High", channel = "phone", description = "手续费重复收取", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");
        await (await advisor.PostJson($"/api/complaints/{answered}/acknowledge", new { text = "已回电" })).Json(HttpStatusCode.OK);
        await (await advisor.PostJson($"/api/complaints/{answered}/notes", new { text = "已致电客户" })).Json(HttpStatusCode.OK);
        await (await system.PostJson("/api/complaints", new
        {
            clientId = "G-C1", category = "golden", severity = "Normal", channel = "branch", description = "转账未到账", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created);
        await Eventually.Until(
            async () => (await (await admin.GetAsync("/api/complaints?branchId=G-B1")).Json(HttpStatusCode.OK)).AsArray().Count,
            count => count == 2, "both cases in the read model");

        File.Delete(GoldenDatabase);
        await using (var connection = new SqliteConnection($"Data Source={api.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path;";
            vacuum.Parameters.AddWithValue("$path", GoldenDatabase);
            await vacuum.ExecuteNonQueryAsync();
        }

        File.Copy(Path.ChangeExtension(api.DatabasePath, ".keys.json"), Path.ChangeExtension(GoldenDatabase, ".keys.json"), overwrite: true);
    }
}
