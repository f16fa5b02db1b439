using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;

namespace WealthActors.Testing.Contracts;

/// <summary>The calendar re-arm and SLA digest queries, which every read model serves beside its writer.</summary>
public abstract partial class ReadModelContractTests
{
    private static readonly DateTimeOffset DigestNow = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private IComplaintCalendarIndex CalendarIndex => (IComplaintCalendarIndex)Writer;

    private ISlaDigestQueries Digest => (ISlaDigestQueries)Writer;

    [Fact]
    public async Task UpsertComplaint_CalendarBreachAndEscalationInstants_RoundTrip()
    {
        var row = Complaint("N1", "B30", "E1", ComplaintStatus.Open, SlaState.Breached) with
        {
            CalendarId = "cn-mainland",
            BreachedAt = DigestNow.AddHours(-5).AddTicks(1),
            LastEscalatedAt = DigestNow.AddHours(-1),
        };

        await Writer.UpsertComplaint(row);

        var stored = Assert.Single(await Queries.ListComplaints(new ComplaintFilter(BranchId: "B30")));
        Assert.Equal(row.CalendarId, stored.CalendarId);
        Assert.Equal(row.BreachedAt, stored.BreachedAt);
        Assert.Equal(row.LastEscalatedAt, stored.LastEscalatedAt);
    }

    [Fact]
    public async Task OpenComplaintsOnCalendar_OpenOnesOfThatCalendar_InIdOrderAndPaged()
    {
        await Writer.UpsertComplaint(Complaint("P3", "B31", null, ComplaintStatus.Open, SlaState.OnTrack) with { CalendarId = "uk" });
        await Writer.UpsertComplaint(Complaint("P1", "B31", null, ComplaintStatus.Paused, SlaState.Paused) with { CalendarId = "uk" });
        await Writer.UpsertComplaint(Complaint("P2", "B31", null, ComplaintStatus.Acknowledged, SlaState.AtRisk) with { CalendarId = "uk" });
        await Writer.UpsertComplaint(Complaint("P4", "B31", null, ComplaintStatus.Resolved, SlaState.Met) with { CalendarId = "uk" });
        await Writer.UpsertComplaint(Complaint("P5", "B31", null, ComplaintStatus.Open, SlaState.OnTrack) with { CalendarId = "cn-mainland" });
        await Writer.UpsertComplaint(Complaint("P6", "B31", null, ComplaintStatus.Open, SlaState.OnTrack));

        Assert.Equal(["P1", "P2", "P3"], await CalendarIndex.OpenComplaintsOnCalendar("uk", null, 10));
        Assert.Equal(["P1", "P2"], await CalendarIndex.OpenComplaintsOnCalendar("uk", null, 2));
        Assert.Equal(["P3"], await CalendarIndex.OpenComplaintsOnCalendar("uk", "P2", 2));
        Assert.Equal(["P5"], await CalendarIndex.OpenComplaintsOnCalendar("cn-mainland", null, 10));
        Assert.Empty(await CalendarIndex.OpenComplaintsOnCalendar("nowhere", null, 10));
    }

    [Fact]
    public async Task OpenComplaintsOnCalendar_OpenOnesAwaitingThatCalendar_ListedWithTheOnesCountingInIt()
    {
        await Writer.UpsertComplaint(Complaint("W2", "B32", null, ComplaintStatus.Open, SlaState.OnTrack) with { CalendarId = "cn-mainland", AwaitedCalendarId = "hk" });
        await Writer.UpsertComplaint(Complaint("W1", "B32", null, ComplaintStatus.Open, SlaState.OnTrack) with { CalendarId = "hk" });
        await Writer.UpsertComplaint(Complaint("W3", "B32", null, ComplaintStatus.Resolved, SlaState.Met) with { CalendarId = "cn-mainland", AwaitedCalendarId = "hk" });

        Assert.Equal(["W1", "W2"], await CalendarIndex.OpenComplaintsOnCalendar("hk", null, 10));
        Assert.Equal(["W2"], await CalendarIndex.OpenComplaintsOnCalendar("cn-mainland", null, 10));
        var stored = await Queries.ListComplaints(new ComplaintFilter(BranchId: "B32"));
        Assert.Equal("hk", stored.Single(c => c.ComplaintId == "W2").AwaitedCalendarId);
        Assert.Null(stored.Single(c => c.ComplaintId == "W1").AwaitedCalendarId);
    }

    [Fact]
    public async Task UpsertBranch_NewerReplacesOlder_ListedById()
    {
        var older = new BranchRow("BR2", "Pudong", "E3", "R1", "cn-mainland", DigestNow);
        Assert.Empty(await Digest.ListBranches());
        await Writer.UpsertBranch(older);
        await Writer.UpsertBranch(new BranchRow("BR1", "London", "E7", null, null, DigestNow));
        await Writer.UpsertBranch(older with { HeadEmployeeId = "E9", UpdatedAt = DigestNow.AddMinutes(1) });
        await Writer.UpsertBranch(older with { HeadEmployeeId = "E0", UpdatedAt = DigestNow.AddMinutes(-1) });

        var branches = await Digest.ListBranches();

        Assert.Equal(["BR1", "BR2"], branches.Select(b => b.BranchId));
        Assert.Equal(older with { HeadEmployeeId = "E9", UpdatedAt = DigestNow.AddMinutes(1) }, branches[1]);
        Assert.Null(branches[0].ParentBranchId);
        Assert.Null(branches[0].CalendarId);
    }

    [Fact]
    public async Task BranchSlaSummary_MixedComplaints_CountsOpenByStateRecentEventsAndMostOverdue()
    {
        var since = DigestNow.AddHours(-24);
        await Writer.UpsertComplaint(Complaint("S1", "B40", "E1", ComplaintStatus.Open, SlaState.OnTrack));
        await Writer.UpsertComplaint(Complaint("S2", "B40", "E1", ComplaintStatus.Acknowledged, SlaState.OnTrack));
        await Writer.UpsertComplaint(Complaint("S3", "B40", "E2", ComplaintStatus.Open, SlaState.AtRisk));
        await Writer.UpsertComplaint(Complaint("S4", "B40", "E2", ComplaintStatus.Open, SlaState.Breached) with
        {
            BreachedAt = DigestNow.AddHours(-2),
            LastEscalatedAt = DigestNow.AddHours(-1),
        });
        await Writer.UpsertComplaint(Complaint("S5", "B40", null, ComplaintStatus.Open, SlaState.Breached) with
        {
            BreachedAt = DigestNow.AddDays(-3),
            LastEscalatedAt = DigestNow.AddDays(-2),
        });
        await Writer.UpsertComplaint(Complaint("S6", "B40", "E1", ComplaintStatus.Paused, SlaState.Paused) with { BreachedAt = DigestNow.AddHours(-30) });

        // Resolved: not open, yet its breach and escalation of the last day count.
        await Writer.UpsertComplaint(Complaint("S7", "B40", "E1", ComplaintStatus.Resolved, SlaState.Breached) with
        {
            BreachedAt = DigestNow.AddHours(-3),
            LastEscalatedAt = DigestNow.AddHours(-3),
        });
        await Writer.UpsertComplaint(Complaint("S8", "B41", "E1", ComplaintStatus.Open, SlaState.Breached) with { BreachedAt = DigestNow.AddHours(-1) });

        var summary = await Digest.BranchSlaSummary("B40", since, 2);

        Assert.Equal(("B40", 2, 1, 2, 1), (summary.BranchId, summary.OnTrack, summary.AtRisk, summary.Breached, summary.Paused));
        Assert.Equal(2, summary.BreachedSince);
        Assert.Equal(2, summary.EscalatedSince);
        Assert.Equal(["S5", "S6"], Ids(summary.MostOverdue));
        Assert.Equal(DigestNow.AddDays(-3), summary.MostOverdue[0].BreachedAt);

        var empty = await Digest.BranchSlaSummary("B99", since, 5);
        Assert.Equal((0, 0, 0, 0, 0, 0), (empty.OnTrack, empty.AtRisk, empty.Breached, empty.Paused, empty.BreachedSince, empty.EscalatedSince));
        Assert.Empty(empty.MostOverdue);
    }
}
