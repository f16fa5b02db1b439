using System.Globalization;
using System.Net;
using WealthActors.Calendars;
using WealthActors.Grains.Calendars;
using WealthActors.Integration.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Integration.Processes;

/// <summary>
/// Two Silo processes on one PostgreSQL database: complaints on a Business policy are opened through both, a calendar
/// is created and later changed through either silo, and every open complaint, wherever it lives, counts in it and is
/// re-armed for the change.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoSiloCalendarTests(PostgresServer server, ITestOutputHelper output)
{
    private const string ClusterId = "calendars";
    private const int Complaints = 8;

    [Fact]
    public async Task PutCalendar_ComplaintsOpenOnTwoSilos_AllReArmed()
    {
        var connectionString = await server.DatabaseAsync("two_silo_calendars");
        var nodes = Enumerable.Range(0, 2).Select(i => new SiloNode(connectionString, ClusterId, i)).ToArray();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));
            var http = nodes.Select(n => n.Client()).ToArray();
            var calendar = new BusinessCalendarDefinition("office", "Office", 1, "Asia/Shanghai", null, [], []);
            await Seed(http[0]);

            var opened = new List<(string Id, DateTimeOffset OpenedAt, DateTimeOffset Due)>();
            for (var n = 0; n < Complaints; n++)
            {
                var created = await (await http[n % 2].PostJson("/api/complaints", new
                {
                    clientId = "C1", category = "Fees", severity = "Normal", channel = "branch", description = $"Complaint {n}", openedBy = "A1", policyId = "office",
                })).Json(HttpStatusCode.Created);
                var view = await (await http[n % 2].GetAsync($"/api/complaints/{created.Str("complaintId")}")).Json(HttpStatusCode.OK);
                opened.Add((view.Str("complaintId"), Instant(view.Str("openedAt")), Instant(view["escalations"]![0]!.Str("due"))));
            }

            // A day off on the first working day after the earliest opening: every complaint's ladder moves past it.
            var built = BusinessCalendarRules.Build(calendar);
            var holiday = built.DateOf(opened.Min(o => o.OpenedAt)).AddDays(1);
            while (!built.IsWorkingDay(holiday))
            {
                holiday = holiday.AddDays(1);
            }

            var changed = calendar with { Version = 2, Holidays = [new CalendarHoliday(holiday, "Day off")] };
            var stored = await (await http[1].PutJson("/api/calendars/office", new
            {
                name = "Office", timeZone = "Asia/Shanghai", holidays = new[] { new { date = holiday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), name = "Day off" } },
            })).Json(HttpStatusCode.OK);
            Assert.Equal(2, stored["version"]!.GetValue<int>());

            var after = BusinessCalendarRules.Build(changed);
            foreach (var (complaint, n) in opened.Select((c, n) => (c, n)))
            {
                var expected = after.AddWorkingTime(complaint.OpenedAt, TimeSpan.FromDays(2));
                var view = await (await http[(n + 1) % 2].GetAsync($"/api/complaints/{complaint.Id}")).Json(HttpStatusCode.OK);
                Assert.Equal(expected, Instant(view["escalations"]![0]!.Str("due")));
                Assert.True(expected > complaint.Due, $"{complaint.Id}: {expected:O} is not after {complaint.Due:O}");
            }

            output.WriteLine($"{Complaints} complaints re-armed across two silos; holiday {holiday:yyyy-MM-dd}");
        }
        catch
        {
            foreach (var node in nodes.Where(n => n.IsRunning))
            {
                output.WriteLine($"--- silo {node.Index} ---\n{node.Output[^Math.Min(node.Output.Length, 4000)..]}");
            }

            throw;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static async Task Seed(HttpClient http)
    {
        await (await http.PutJson("/api/calendars/office", new { name = "Office", timeZone = "Asia/Shanghai", holidays = Array.Empty<object>() })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/sla-policies/office", new
        {
            name = "Office days", match = new { categories = new[] { "never-matches" } }, priority = 0, clock = "Business", calendarId = "office",
            firstResponse = "P1D", resolution = "P10D", warnAt = 0.8,
            escalations = new[] { new { after = "P2D", toRole = "TeamLead", action = "Notify" } },
        })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/branches/B1", new { name = "Branch", headEmployeeId = "H1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/H1", new { name = "Head", role = "BranchHead", branchId = "B1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/T1", new { name = "Lead", role = "TeamLead", branchId = "B1", managerId = "H1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/A1", new { name = "Advisor", role = "Advisor", branchId = "B1", managerId = "T1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/clients/C1", new { name = "客户", branchId = "B1", advisorId = "A1" })).Json(HttpStatusCode.OK);
    }
}
