using WealthActors.Permissions;
using WealthActors.ReadModel;

namespace WealthActors.Testing.Contracts;

public abstract partial class ReadModelContractTests
{
    private static readonly DateTimeOffset ScopeNow = new(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task ListComplaints_Scope_HoldsOnlyTheOwnersBranchesAndRegionGiven()
    {
        await Writer.UpsertBranch(new BranchRow("SB1", "One", "H1", "SR", null, ScopeNow));
        await Writer.UpsertBranch(new BranchRow("SB2", "Two", "H2", "SR", null, ScopeNow));
        await Writer.UpsertBranch(new BranchRow("SB3", "Elsewhere", "H3", null, null, ScopeNow));
        await Writer.UpsertComplaint(Complaint("S1", "SB1", "SA1", ComplaintStatus.Open, SlaState.OnTrack));
        await Writer.UpsertComplaint(Complaint("S2", "SB2", "SA2", ComplaintStatus.Open, SlaState.OnTrack));
        await Writer.UpsertComplaint(Complaint("S3", "SB3", "SA1", ComplaintStatus.Open, SlaState.OnTrack));
        await Writer.UpsertComplaint(Complaint("S4", "SB3", "SA3", ComplaintStatus.Open, SlaState.OnTrack));

        async Task<string[]> Listed(AccessScope scope) =>
            [.. Ids(await Queries.ListComplaints(new ComplaintFilter(Scope: scope, Limit: 1000))).Where(id => id.StartsWith('S')).Order()];

        Assert.Equal(["S1", "S3"], await Listed(new AccessScope(false, ["SA1"], [])));
        Assert.Equal(["S2"], await Listed(new AccessScope(false, [], ["SB2"])));
        Assert.Equal(["S1", "S2"], await Listed(new AccessScope(false, [], [], "SR")));
        Assert.Equal(["S1", "S2", "S4"], await Listed(new AccessScope(false, ["SA3"], [], "SR")));
        Assert.Empty(await Listed(AccessScope.Nothing));
        Assert.Equal(["S1", "S2", "S3", "S4"], await Listed(AccessScope.All));
    }

    [Fact]
    public async Task SearchClients_Scope_HoldsOnlyTheAdvisorsOrBranchesClients()
    {
        await Writer.UpsertBranch(new BranchRow("TB1", "One", "H1", "TR", null, ScopeNow));
        await Writer.UpsertClient(Client("SC0001", "Scoped Alpha") with { BranchId = "TB1", AdvisorId = "TA1" });
        await Writer.UpsertClient(Client("SC0002", "Scoped Beta") with { BranchId = "TB1", AdvisorId = "TA2" });
        await Writer.UpsertClient(Client("SC0003", "Scoped Gamma") with { BranchId = "TB9", AdvisorId = "TA1" });

        async Task<string[]> Found(AccessScope scope) =>
            [.. (await Queries.SearchClients("Scoped", 100, scope)).Select(c => c.ClientId).Order()];

        Assert.Equal(["SC0001", "SC0003"], await Found(new AccessScope(false, ["TA1"], [])));
        Assert.Equal(["SC0001", "SC0002"], await Found(new AccessScope(false, [], [], "TR")));
        Assert.Empty(await Found(AccessScope.Nothing));
        Assert.Equal(3, (await Found(AccessScope.All)).Length);
    }
}
