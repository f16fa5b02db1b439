using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;

namespace WealthActors.Testing.Contracts;

/// <summary>The behaviour both read-model implementations must share; each subclass supplies one.</summary>
public abstract partial class ReadModelContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(8));

    protected abstract IReadModelWriter Writer { get; }

    protected abstract IReadModelQueries Queries { get; }

    [Fact]
    public async Task UpsertClient_AllFields_RoundTrip()
    {
        var row = Client("C000001", "Zhang Wei") with
        {
            Aum = 12_345_678.90m,
            Birthday = new DateOnly(1970, 2, 28),
            RiskExpiresOn = new DateOnly(2027, 1, 1),
            LastInteractionAt = Now.AddDays(-3).AddTicks(1),
            NextMaturity = new DateOnly(2026, 6, 30),
        };

        await Writer.UpsertClient(row);

        Assert.Equal(row, Assert.Single(await Queries.SearchClients("C000001", 10)));
    }

    [Fact]
    public async Task UpsertClient_SameRowTwice_KeepsOneRow()
    {
        var row = Client("C000002", "Li Na");

        await Writer.UpsertClient(row);
        await Writer.UpsertClient(row);

        Assert.Single(await Queries.SearchClients("Li Na", 10));
    }

    [Fact]
    public async Task UpsertClient_NewerProjection_ReplacesOlder()
    {
        await Writer.UpsertClient(Client("C000003", "Wang Fang"));
        var newer = Client("C000003", "Wang Fang") with { OpenComplaints = 2, UpdatedAt = Now.AddMinutes(1) };

        await Writer.UpsertClient(newer);

        Assert.Equal(newer, Assert.Single(await Queries.SearchClients("C000003", 10)));
    }

    [Fact]
    public async Task UpsertClient_OlderProjection_IsIgnored()
    {
        var current = Client("C000004", "Chen Jing") with { OpenComplaints = 1 };
        await Writer.UpsertClient(current);

        await Writer.UpsertClient(current with { OpenComplaints = 0, UpdatedAt = Now.AddMinutes(-5) });

        Assert.Equal(current, Assert.Single(await Queries.SearchClients("C000004", 10)));
    }

    [Fact]
    public async Task SearchClients_NameSubstringInAnyCase_FindsClient()
    {
        await Writer.UpsertClient(Client("C000010", "Élodie Martin"));
        await Writer.UpsertClient(Client("C000011", "张伟明"));

        Assert.Equal("C000010", Assert.Single(await Queries.SearchClients("ÉLODIE", 10)).ClientId);
        Assert.Equal("C000010", Assert.Single(await Queries.SearchClients(" martin ", 10)).ClientId);
        Assert.Equal("C000011", Assert.Single(await Queries.SearchClients("伟明", 10)).ClientId);
        Assert.Empty(await Queries.SearchClients("Nobody", 10));
    }

    [Fact]
    public async Task SearchClients_IdNamePrefixAndSubstringMatches_RankedInThatOrder()
    {
        await Writer.UpsertClient(Client("C000020", "Ma Ling"));
        await Writer.UpsertClient(Client("C000021", "Anna Ma"));
        await Writer.UpsertClient(Client("MA", "Zhou Xun"));
        await Writer.UpsertClient(Client("C000022", "Mao Lin"));

        var found = await Queries.SearchClients("MA", 10);

        Assert.Equal(["MA", "C000020", "C000022", "C000021"], found.Select(c => c.ClientId));
    }

    [Fact]
    public async Task SearchClients_Limit_CapsResults()
    {
        foreach (var i in Enumerable.Range(0, 5))
        {
            await Writer.UpsertClient(Client($"C00003{i}", $"Limit Test {i}"));
        }

        Assert.Equal(3, (await Queries.SearchClients("limit test", 3)).Count);
        Assert.Empty(await Queries.SearchClients("limit test", 0));
    }

    [Fact]
    public async Task ListComplaints_Filters_MatchBranchStatusSlaStateAndAssignee()
    {
        await Writer.UpsertComplaint(Complaint("K1", "B1", "E1", ComplaintStatus.Open, SlaState.Breached));
        await Writer.UpsertComplaint(Complaint("K2", "B1", "E2", ComplaintStatus.Acknowledged, SlaState.OnTrack));
        await Writer.UpsertComplaint(Complaint("K3", "B2", "E1", ComplaintStatus.Open, SlaState.AtRisk));
        await Writer.UpsertComplaint(Complaint("K4", "B1", null, ComplaintStatus.Resolved, SlaState.Met));

        Assert.Equal(["K1", "K2", "K4"], Ids(await Queries.ListComplaints(new ComplaintFilter(BranchId: "B1"))));
        Assert.Equal(["K1", "K3"], Ids(await Queries.ListComplaints(new ComplaintFilter(Status: ComplaintStatus.Open))));
        Assert.Equal(["K1"], Ids(await Queries.ListComplaints(new ComplaintFilter(SlaState: SlaState.Breached))));
        Assert.Equal(["K1", "K3"], Ids(await Queries.ListComplaints(new ComplaintFilter(Assignee: "E1"))));
        Assert.Equal(["K1", "K2"], Ids(await Queries.ListComplaints(new ComplaintFilter(BranchId: "B1", OpenOnly: true))));
        Assert.Equal(["K3"], Ids(await Queries.ListComplaints(new ComplaintFilter(BranchId: "B2", Assignee: "E1", SlaState: SlaState.AtRisk))));
    }

    [Fact]
    public async Task ListComplaints_NoFilter_NearestDeadlineFirstThenOldestWithoutDeadline()
    {
        await Writer.UpsertComplaint(Complaint("L1", "B9", null, ComplaintStatus.Open, SlaState.OnTrack) with { NextDeadline = Now.AddHours(5) });
        await Writer.UpsertComplaint(Complaint("L2", "B9", null, ComplaintStatus.Open, SlaState.OnTrack) with { NextDeadline = Now.AddHours(1) });
        await Writer.UpsertComplaint(Complaint("L3", "B9", null, ComplaintStatus.Resolved, SlaState.Met) with { OpenedAt = Now.AddDays(-2) });
        await Writer.UpsertComplaint(Complaint("L4", "B9", null, ComplaintStatus.Resolved, SlaState.Met) with { OpenedAt = Now.AddDays(-3) });

        var listed = await Queries.ListComplaints(new ComplaintFilter(BranchId: "B9", Limit: 3));

        Assert.Equal(["L2", "L1", "L4"], Ids(listed));
    }

    [Fact]
    public async Task UpsertComplaint_SameIdTwice_KeepsLatestOnly()
    {
        var first = Complaint("M1", "B7", "E1", ComplaintStatus.Open, SlaState.OnTrack);
        var later = first with { Assignee = "E2", Status = ComplaintStatus.Acknowledged, UpdatedAt = Now.AddMinutes(2) };

        await Writer.UpsertComplaint(first);
        await Writer.UpsertComplaint(later);
        await Writer.UpsertComplaint(later);

        Assert.Equal(later, Assert.Single(await Queries.ListComplaints(new ComplaintFilter(BranchId: "B7"))));
    }

    [Fact]
    public async Task AppendInbox_SameMessageIdTwice_KeepsOneMessage()
    {
        var message = Message("m1", Now);
        await Writer.AppendInbox("E100", message);
        await Writer.AppendInbox("E100", message with { DeliveredVia = ["wecom", "teams"] });

        var history = await Queries.InboxHistory("E100", 10);

        var stored = Assert.Single(history);
        Assert.Equal(message with { DeliveredVia = stored.DeliveredVia }, stored);
        Assert.Equal(["wecom", "teams"], stored.DeliveredVia);
    }

    [Fact]
    public async Task AppendInbox_DeliveredAt_RoundTripsAndIsNullWhereNeverRecorded()
    {
        var delivered = Message("m-delivered", Now) with { DeliveredAt = Now.AddTicks(1_234_567) };
        await Writer.AppendInbox("E150", delivered);
        await Writer.AppendInbox("E150", Message("m-older", Now.AddMinutes(-1)));

        var history = await Queries.InboxHistory("E150", 10);

        Assert.Equal([delivered.DeliveredAt, null], history.Select(m => m.DeliveredAt));
    }

    [Fact]
    public async Task InboxHistory_SeveralMessages_NewestFirstForThatEmployeeOnly()
    {
        await Writer.AppendInbox("E200", Message("a", Now.AddMinutes(-10)));
        await Writer.AppendInbox("E200", Message("b", Now));
        await Writer.AppendInbox("E200", Message("c", Now.AddMinutes(-5)));
        await Writer.AppendInbox("E201", Message("d", Now.AddMinutes(1)));

        Assert.Equal(["b", "c", "a"], (await Queries.InboxHistory("E200", 10)).Select(m => m.Id));
        Assert.Equal(["b", "c"], (await Queries.InboxHistory("E200", 2)).Select(m => m.Id));
        Assert.Equal(["d"], (await Queries.InboxHistory("E201", 10)).Select(m => m.Id));
        Assert.Empty(await Queries.InboxHistory("E202", 10));
    }

    protected static ClientRow Client(string id, string name) => new(
        id, name, "B1", "E1", ClientTier.HighNetWorth, Vip: true, Aum: 5_000_000m, Birthday: null, RiskExpiresOn: null,
        LastInteractionAt: null, NextMaturity: null, LifecycleStage.Active, OpenComplaints: 0, UpdatedAt: Now);

    private static ComplaintRow Complaint(string id, string branch, string? assignee, ComplaintStatus status, SlaState sla) => new(
        id, "C1", branch, assignee, status, sla, Severity.High, "fees", EscalationLevel: 1, OpenedAt: Now.AddDays(-1),
        NextDeadline: null, ResolutionDue: Now.AddDays(14), UpdatedAt: Now);

    private static InboxMessage Message(string id, DateTimeOffset createdAt) => new(
        id, InboxKind.Escalation, $"K1:1:{id}", "K1", "C1", $"Complaint K1 escalated ({id})", createdAt, ["wecom"]);

    private static IEnumerable<string> Ids(IEnumerable<ComplaintRow> rows) => rows.Select(r => r.ComplaintId);
}

/// <summary>Sample rows for tests outside the contract.</summary>
public static class ReadModelContractTestsAccess
{
    public static ClientRow SampleClient(string id) => new(
        id, "Sample", "B1", "E1", ClientTier.Mass, Vip: false, Aum: 1m, Birthday: null, RiskExpiresOn: null,
        LastInteractionAt: null, NextMaturity: null, LifecycleStage.New, OpenComplaints: 0, UpdatedAt: DateTimeOffset.UnixEpoch);
}
