using WealthActors.Permissions;
using WealthActors.ReadModel;

namespace WealthActors.Testing.Contracts;

/// <summary>What the console's reports ask of the read model: a case's outcomes, ranges, sums and lists, in a scope.</summary>
public abstract partial class ReadModelContractTests
{
    private static readonly DateTimeOffset ReportNow = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);

    private IReportQueries Reports => (IReportQueries)Queries;

    [Fact]
    public async Task UpsertComplaint_Outcomes_RoundTrip()
    {
        var row = Complaint("RO1", "RB1", "RA1", ComplaintStatus.Resolved, SlaState.Met) with
        {
            Channel = "wecom",
            RespondedAt = ReportNow.AddHours(-20),
            ResolvedAt = ReportNow.AddHours(-2),
            FirstResponseMinutes = 95,
            FirstResponseMet = true,
            ResolutionMet = false,
        };

        await Writer.UpsertComplaint(row);

        Assert.Equal(row, Assert.Single(await Queries.ListComplaints(new ComplaintFilter(BranchId: "RB1"))));
    }

    [Fact]
    public async Task ListComplaints_Ranges_SelectByOpeningBreachEscalationAndResponseTime()
    {
        await Writer.UpsertComplaint(Complaint("RR1", "RB2", "RA1", ComplaintStatus.Open, SlaState.Breached) with
        {
            OpenedAt = ReportNow.AddDays(-10),
            BreachedAt = ReportNow.AddDays(-2),
            LastEscalatedAt = ReportNow.AddDays(-3),
            FirstResponseMinutes = 30,
        });
        await Writer.UpsertComplaint(Complaint("RR2", "RB2", "RA1", ComplaintStatus.Open, SlaState.OnTrack) with
        {
            OpenedAt = ReportNow.AddDays(-1),
            FirstResponseMinutes = 300,
        });
        await Writer.UpsertComplaint(Complaint("RR3", "RB2", "RA1", ComplaintStatus.Open, SlaState.OnTrack) with { OpenedAt = ReportNow.AddDays(-30) });
        var branch = new ComplaintFilter(BranchId: "RB2", Order: ComplaintOrder.Newest);

        Assert.Equal(["RR2", "RR1"], Ids(await Queries.ListComplaints(branch with { Opened = new(ReportNow.AddDays(-14), ReportNow) })));
        // The end is excluded: a case opened exactly then belongs to the next range.
        Assert.Equal(["RR1"], Ids(await Queries.ListComplaints(branch with { Opened = new(ReportNow.AddDays(-14), ReportNow.AddDays(-1)) })));
        Assert.Equal(["RR1"], Ids(await Queries.ListComplaints(branch with { Breached = new(ReportNow.AddDays(-7), ReportNow) })));
        Assert.Equal(["RR1"], Ids(await Queries.ListComplaints(branch with { Escalated = new(ReportNow.AddDays(-7), ReportNow) })));
        Assert.Equal(["RR1"], Ids(await Queries.ListComplaints(branch with { FirstResponse = new(0, 60) })));
        Assert.Equal(["RR2"], Ids(await Queries.ListComplaints(branch with { FirstResponse = new(240, null) })));
        Assert.Equal(2, (await Queries.CountComplaintsBySlaState(branch with { Opened = new(ReportNow.AddDays(-14), ReportNow) })).Values.Sum());
    }

    [Fact]
    public async Task ComplaintsActiveBetween_HoldsTheCasesOpenInTheWindow_InScope()
    {
        var from = ReportNow.AddDays(-7);
        await Writer.UpsertComplaint(Complaint("RA1", "RB3", "RE1", ComplaintStatus.Open, SlaState.OnTrack) with { OpenedAt = ReportNow.AddDays(-30) });
        await Writer.UpsertComplaint(Complaint("RA2", "RB3", "RE1", ComplaintStatus.Resolved, SlaState.Met) with
        {
            OpenedAt = ReportNow.AddDays(-20),
            ResolvedAt = ReportNow.AddDays(-8),
        });
        await Writer.UpsertComplaint(Complaint("RA3", "RB3", "RE2", ComplaintStatus.Resolved, SlaState.Met) with
        {
            OpenedAt = ReportNow.AddDays(-9),
            ResolvedAt = ReportNow.AddDays(-6),
        });
        await Writer.UpsertComplaint(Complaint("RA4", "RB3", "RE1", ComplaintStatus.Open, SlaState.OnTrack) with { OpenedAt = ReportNow.AddDays(1) });
        await Writer.UpsertComplaint(Complaint("RA5", "RB4", "RE9", ComplaintStatus.Open, SlaState.OnTrack) with { OpenedAt = ReportNow.AddDays(-2) });

        var branch = await Reports.ComplaintsActiveBetween(from, ReportNow, new AccessScope(false, [], ["RB3"]));
        var advisor = await Reports.ComplaintsActiveBetween(from, ReportNow, new AccessScope(false, ["RE2"], []));

        Assert.Equal(["RA1", "RA3"], Ids(branch));
        Assert.Equal(["RA3"], Ids(advisor));
        Assert.Empty(await Reports.ComplaintsActiveBetween(from, ReportNow, AccessScope.Nothing));
    }

    [Fact]
    public async Task ClientSums_ByTierAndAdvisor_CountTheScopeOnly()
    {
        await Writer.UpsertClient(Client("RC1", "Tier One") with { BranchId = "RB5", AdvisorId = "RE1", Tier = ClientTier.HighNetWorth, Aum = 6_000_000.50m });
        await Writer.UpsertClient(Client("RC2", "Tier Two") with { BranchId = "RB5", AdvisorId = "RE1", Tier = ClientTier.HighNetWorth, Aum = 4_000_000.25m });
        await Writer.UpsertClient(Client("RC3", "Tier Three") with { BranchId = "RB5", AdvisorId = "RE2", Tier = ClientTier.Mass, Aum = 10_000m });
        await Writer.UpsertClient(Client("RC4", "Elsewhere") with { BranchId = "RB6", AdvisorId = "RE3", Tier = ClientTier.Mass, Aum = 1m });
        var scope = new AccessScope(false, [], ["RB5"]);

        var tiers = await Reports.ClientsByTier(scope);
        var advisors = await Reports.ClientsByAdvisor(scope);

        Assert.Equal([new TierTotal(ClientTier.Mass, 1, 10_000m), new TierTotal(ClientTier.HighNetWorth, 2, 10_000_000.75m)], tiers);
        Assert.Equal([new OwnerCount("RE1", 2), new OwnerCount("RE2", 1)], advisors);
    }

    [Fact]
    public async Task Clients_DormantMaturingAndPaged_AsTheirFiltersSay()
    {
        var today = new DateOnly(2026, 3, 10);
        await Writer.UpsertClient(Client("RD1", "Alpha") with
        {
            BranchId = "RB7",
            LastInteractionAt = ReportNow.AddDays(-200),
            UpdatedAt = ReportNow,
            Holdings = [new HoldingRow("P1", "Trust 1", today.AddDays(20), 1_000_000m), new HoldingRow("P2", "Trust 2", today.AddDays(100), 5m)],
        });
        await Writer.UpsertClient(Client("RD2", "Bravo") with
        {
            BranchId = "RB7",
            LastInteractionAt = ReportNow.AddDays(-3),
            UpdatedAt = ReportNow,
            Holdings = [new HoldingRow("P3", "Fund 3", today.AddDays(45), 200_000m)],
        });
        await Writer.UpsertClient(Client("RD3", "Charlie") with { BranchId = "RB7", ClientSince = ReportNow.AddDays(-400), UpdatedAt = ReportNow });
        var scope = new AccessScope(false, [], ["RB7"]);
        var all = new ClientFilter(Scope: scope);

        var dormant = all with { InactiveSince = ReportNow.AddDays(-180) };
        Assert.Equal(["RD1", "RD3"], (await Reports.ListClients(dormant)).Select(c => c.ClientId));
        Assert.Equal(2, await Reports.CountClients(dormant));
        var maturing = all with { MaturingFrom = today, MaturingTo = today.AddDays(30) };
        Assert.Equal(["RD1"], (await Reports.ListClients(maturing)).Select(c => c.ClientId));
        Assert.Equal(["RD2"], (await Reports.ListClients(all with { Limit = 1, Offset = 1 })).Select(c => c.ClientId));
        Assert.Equal(3, await Reports.CountClients(all with { Limit = 1 }));
        Assert.Equal(0, await Reports.CountClients(all with { Scope = AccessScope.Nothing }));

        var holdings = await Reports.MaturingHoldings(today, today.AddDays(90), scope);
        Assert.Equal([("RD1", "Trust 1", today.AddDays(20), 1_000_000m), ("RD2", "Fund 3", today.AddDays(45), 200_000m)],
            holdings.Select(h => (h.ClientId, h.ProductName, h.MaturityDate, h.Amount)));
    }
}
