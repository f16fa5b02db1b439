using WealthActors.Permissions;
using WealthActors.ReadModel;

namespace WealthActors.Testing.Contracts;

/// <summary>What the console's SLA board asks of the read model: counts by SLA state, and a page of a filtered, sorted list.</summary>
public abstract partial class ReadModelContractTests
{
    [Fact]
    public async Task CountComplaintsBySlaState_CountsTheOpenCasesOfTheFilterAndScope()
    {
        await Writer.UpsertComplaint(Complaint("BC1", "BB1", "BA1", ComplaintStatus.Open, SlaState.OnTrack));
        await Writer.UpsertComplaint(Complaint("BC2", "BB1", "BA1", ComplaintStatus.Acknowledged, SlaState.Breached));
        await Writer.UpsertComplaint(Complaint("BC3", "BB1", "BA2", ComplaintStatus.Open, SlaState.Breached) with { Category = "service" });
        await Writer.UpsertComplaint(Complaint("BC4", "BB1", "BA2", ComplaintStatus.Paused, SlaState.Paused) with { Severity = Severity.Low });
        await Writer.UpsertComplaint(Complaint("BC5", "BB1", "BA1", ComplaintStatus.Resolved, SlaState.Met));
        await Writer.UpsertComplaint(Complaint("BC6", "BB2", "BA1", ComplaintStatus.Open, SlaState.AtRisk));
        var branch = new ComplaintFilter(BranchId: "BB1", OpenOnly: true);

        var all = await Queries.CountComplaintsBySlaState(branch);
        var advisor = await Queries.CountComplaintsBySlaState(branch with { BranchId = null, Scope = new AccessScope(false, ["BA1"], []) });
        var fees = await Queries.CountComplaintsBySlaState(branch with { Category = "fees", Severity = Severity.High });

        Assert.Equal(new Dictionary<SlaState, int> { [SlaState.OnTrack] = 1, [SlaState.Breached] = 2, [SlaState.Paused] = 1 }, all);
        Assert.Equal(new Dictionary<SlaState, int> { [SlaState.OnTrack] = 1, [SlaState.Breached] = 1, [SlaState.AtRisk] = 1 }, advisor);
        Assert.Equal(new Dictionary<SlaState, int> { [SlaState.OnTrack] = 1, [SlaState.Breached] = 1 }, fees);
        Assert.Empty(await Queries.CountComplaintsBySlaState(branch with { Scope = AccessScope.Nothing }));
    }

    [Fact]
    public async Task ListComplaints_ClientId_ListsThatClientsCasesOnly()
    {
        await Writer.UpsertComplaint(Complaint("BK1", "BB3", "BA1", ComplaintStatus.Resolved, SlaState.Met) with { ClientId = "BCL1" });
        await Writer.UpsertComplaint(Complaint("BK2", "BB3", "BA1", ComplaintStatus.Open, SlaState.OnTrack) with { ClientId = "BCL1" });
        await Writer.UpsertComplaint(Complaint("BK3", "BB3", "BA1", ComplaintStatus.Open, SlaState.OnTrack) with { ClientId = "BCL2" });

        var history = await Queries.ListComplaints(new ComplaintFilter(ClientId: "BCL1", Order: ComplaintOrder.Newest));

        Assert.Equal(["BK1", "BK2"], Ids(history).Order());
    }

    [Fact]
    public async Task ListComplaints_OffsetAndOrder_PageThroughWithoutOverlap()
    {
        for (var i = 0; i < 7; i++)
        {
            await Writer.UpsertComplaint(Complaint($"BP{i}", "BB9", null, ComplaintStatus.Open, SlaState.OnTrack) with
            {
                OpenedAt = Now.AddHours(-i),
                NextDeadline = Now.AddHours(10 - i),
                Severity = (Severity)(i % 4),
                EscalationLevel = i % 3,
            });
        }

        async Task<string[]> Paged(ComplaintOrder order)
        {
            var pages = new List<string>();
            for (var offset = 0; offset < 9; offset += 3)
            {
                pages.AddRange(Ids(await Queries.ListComplaints(new ComplaintFilter(BranchId: "BB9", Limit: 3, Offset: offset, Order: order))));
            }

            return [.. pages];
        }

        Assert.Equal(["BP6", "BP5", "BP4", "BP3", "BP2", "BP1", "BP0"], await Paged(ComplaintOrder.Urgency));
        Assert.Equal(["BP0", "BP1", "BP2", "BP3", "BP4", "BP5", "BP6"], await Paged(ComplaintOrder.Newest));
        Assert.Equal(["BP3", "BP6", "BP2", "BP5", "BP1", "BP4", "BP0"], await Paged(ComplaintOrder.Severity));
        Assert.Equal(["BP5", "BP2", "BP4", "BP1", "BP6", "BP3", "BP0"], await Paged(ComplaintOrder.Escalation));
    }
}
