using WealthActors.ReadModel;
using WealthActors.Silo.Reports;

namespace WealthActors.Silo.Tests.Reports;

/// <summary>The complaint reports as pure rules: which week a case counts in, attainment, distributions, hot spots.</summary>
public sealed class ComplaintReportsTests
{
    // Wednesday 2026-03-11 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly IReadOnlyList<TimeRange> Weeks = ReportWeeks.Ending(Now, 2);

    [Fact]
    public void Weeks_RunMondayToMondayInChinaTime_OldestFirst()
    {
        Assert.Equal(
            [new TimeRange(new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8)), new(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(8))),
             new TimeRange(new(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(8)), new(2026, 3, 16, 0, 0, 0, TimeSpan.FromHours(8)))],
            Weeks);
        // Sunday 23:30 UTC is already Monday morning in Shanghai: that Monday's week.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(8)), ReportWeeks.Ending(new DateTimeOffset(2026, 3, 8, 16, 30, 0, TimeSpan.Zero), 1)[0].From);
        Assert.Equal("03-09", ReportWeeks.Label(Weeks[1]));
    }

    [Fact]
    public void SlaAttainment_CountsEachCaseInTheWeekItWasReceived_PerBranch()
    {
        var rows = new[]
        {
            Case("A", "B1", Weeks[0].From.AddHours(1)) with { FirstResponseMet = true, ResolutionMet = true },
            Case("B", "B1", Weeks[0].From.AddDays(2)) with { FirstResponseMet = false, ResolutionMet = false },
            Case("C", "B1", Weeks[0].From.AddDays(3)) with { FirstResponseMet = true },
            Case("D", "B1", Weeks[1].From) with { FirstResponseMet = true },
            Case("E", "B2", Weeks[1].From.AddDays(1)),
            // Received before the window: active in it, but attainment counts it in its own week, not shown.
            Case("F", "B1", Weeks[0].From.AddDays(-1)) with { FirstResponseMet = false },
        };

        var byBranch = ComplaintReports.SlaAttainment(rows, Weeks);

        Assert.Equal(
            [("B1", Weeks[0], 3, 3, 2, 2, 1), ("B1", Weeks[1], 1, 1, 1, 0, 0), ("B2", Weeks[1], 1, 0, 0, 0, 0)],
            byBranch.Select(a => (a.BranchId!, a.Week, a.Received, a.Responded, a.RespondedOnTime, a.Resolved, a.ResolvedOnTime)));
        Assert.Equal((66.7, 50.0), (byBranch[0].FirstResponsePercent, byBranch[0].ResolutionPercent));
        // Nothing resolved: no percentage rather than 0 %.
        Assert.Null(byBranch[1].ResolutionPercent);
        var weekly = ComplaintReports.WeeklyAttainment(rows, Weeks);
        Assert.Equal([3, 2], weekly.Select(a => a.Received));
    }

    [Fact]
    public void BreachesAndEscalations_CountInTheWeekTheyHappened()
    {
        var rows = new[]
        {
            Case("A", "B1", Weeks[0].From.AddDays(-3)) with { BreachedAt = Weeks[0].From.AddHours(2), EscalationLevel = 2, LastEscalatedAt = Weeks[1].From.AddHours(1) },
            Case("B", "B1", Weeks[1].From) with { BreachedAt = Weeks[1].From.AddHours(5) },
            Case("C", "B1", Weeks[1].From) with { BreachedAt = Weeks[1].To },
        };

        Assert.Equal([(1, 0), (1, 1)], ComplaintReports.BreachesAndEscalations(rows, Weeks).Select(w => (w.Breaches, w.Escalations)));
    }

    [Fact]
    public void FirstResponseDistribution_PutsEachAnsweredCaseOfTheWindowInOneBucket()
    {
        var received = Weeks[1].From;
        var rows = new[] { 0, 59, 60, 239, 480, 1439, 1440, 5000 }
            .Select((minutes, i) => Case($"R{i}", "B1", received) with { FirstResponseMinutes = minutes })
            .Append(Case("open", "B1", received))
            .Append(Case("before", "B1", Weeks[0].From.AddDays(-1)) with { FirstResponseMinutes = 10 });

        var distribution = ComplaintReports.FirstResponseDistribution(rows, Weeks);

        Assert.Equal([2, 2, 0, 2, 1, 1], distribution.Select(d => d.Cases));
        Assert.Equal(ComplaintReports.ResponseBuckets, distribution.Select(d => d.Bucket));
    }

    [Fact]
    public void ByCategory_TheMostFirst_WithTheOpenOnes()
    {
        var at = Weeks[1].From;
        var rows = new[]
        {
            Case("A", "B1", at) with { Category = "fees" },
            Case("B", "B1", at) with { Category = "fees", Status = ComplaintStatus.Resolved },
            Case("C", "B1", at) with { Category = "service" },
            Case("D", "B1", at.AddDays(-30)) with { Category = "service" },
        };

        Assert.Equal([new CategoryCount("fees", 2, 1), new CategoryCount("service", 1, 1)], ComplaintReports.ByCategory(rows, Weeks));
    }

    [Fact]
    public void Workloads_JoinClientsAndOpenComplaints_TheBusiestFirst()
    {
        var rows = new[]
        {
            Case("A", "B1", Now) with { Assignee = "E2" },
            Case("B", "B1", Now) with { Assignee = "E2" },
            Case("C", "B1", Now) with { Assignee = "E3", Status = ComplaintStatus.Resolved },
            Case("D", "B1", Now) with { Assignee = "E4" },
        };

        var workloads = BookReports.Workloads([new OwnerCount("E1", 40), new OwnerCount("E2", 3)], ComplaintReports.OpenByAssignee(rows));

        Assert.Equal([new Workload("E2", 3, 2), new Workload("E4", 0, 1), new Workload("E1", 40, 0)], workloads);
    }

    [Fact]
    public void MaturityPipeline_BucketsHoldingsByDaysFromToday()
    {
        var today = new DateOnly(2026, 3, 11);
        MaturingHolding Holding(string client, int days, decimal amount) => new(client, "E1", "P", today.AddDays(days), amount);

        var pipeline = BookReports.MaturityPipeline(
            [Holding("C1", 0, 100m), Holding("C1", 30, 50m), Holding("C2", 31, 7m), Holding("C3", 90, 1m), Holding("C4", 91, 1000m)], today);

        Assert.Equal([(2, 150m, 1), (1, 7m, 1), (1, 1m, 1)], pipeline.Select(b => (b.Holdings, b.Amount, b.Clients)));
        Assert.Equal((today.AddDays(31), today.AddDays(60)), (pipeline[1].From, pipeline[1].To));
    }

    private static ComplaintRow Case(string id, string branch, DateTimeOffset openedAt) => new(
        id, "C1", branch, "E1", ComplaintStatus.Open, SlaState.OnTrack, Severity.High, "fees", 0, openedAt, null, null, openedAt);
}
