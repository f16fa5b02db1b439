using WealthActors.Permissions;
using WealthActors.ReadModel;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage.ReadModel;

/// <summary>
/// The SLA board's two queries, built as the read model builds them, read an index over the open cases: the first page
/// walks it in the board's order and stops, and the counts read it alone, so neither grows with a sort or a table read
/// of every open case (the console-board benchmark measures the time). The complaint list of a branch in one SLA state
/// walks its index the same way (list-query measures it on PostgreSQL), and so do a client's complaints, newest first.
/// </summary>
public sealed class SqliteBoardPlanTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteDatabase _database;

    public SqliteBoardPlanTests() => _database = TestDatabases.Create(_folder);

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(null, "ix_rm_complaints_open_urgency")]
    [InlineData("B1", "ix_rm_complaints_open_branch_urgency")]
    public async Task TheFirstPage_WalksTheOpenCasesInTheBoardsOrder_WithoutSortingThem(string? branch, string index)
    {
        var (where, values) = ComplaintFilterSql.Build(Board(branch));

        var plan = await Plan($"SELECT complaint_id FROM rm_complaints WHERE {where} {ComplaintFilterSql.OrderBy(ComplaintOrder.Urgency)} LIMIT 25", values);

        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheListOfABranchInOneState_WalksItsIndexInTheListsOrder_WithoutSortingIt()
    {
        var (where, values) = ComplaintFilterSql.Build(new ComplaintFilter(BranchId: "B1", SlaState: SlaState.Breached));

        var plan = await Plan($"SELECT complaint_id FROM rm_complaints WHERE {where} {ComplaintFilterSql.OrderBy(ComplaintOrder.Urgency)} LIMIT 50", values);

        Assert.Contains("ix_rm_complaints_sla_branch_urgency", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientsComplaints_NewestFirst_WalkTheClientsIndexWithoutSortingThem()
    {
        // As the console's client page asks: scoped to a branch head, so the scope's condition is checked on the
        // client's few rows, not used to pick them.
        var (where, values) = ComplaintFilterSql.Build(new ComplaintFilter(
            ClientId: "C1", Scope: new AccessScope(false, ["E1"], ["B1"]), Order: ComplaintOrder.Newest, Limit: 100));

        var plan = await Plan($"SELECT complaint_id FROM rm_complaints WHERE {where} {ComplaintFilterSql.OrderBy(ComplaintOrder.Newest)} LIMIT 100", values);

        Assert.Contains("ix_rm_complaints_client_newest (client_id=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCountsBySlaState_ReadTheOpenCasesIndexAlone()
    {
        var (where, values) = ComplaintFilterSql.Build(Board(null));

        var plan = await Plan(ComplaintFilterSql.CountBySlaState(where), values);

        Assert.Contains("COVERING INDEX ix_rm_complaints_open_sla", plan, StringComparison.Ordinal);
    }

    private static ComplaintFilter Board(string? branch) =>
        new(OpenOnly: true, Scope: branch is null ? AccessScope.All : new AccessScope(false, [], [branch]));

    private async Task<string> Plan(string sql, IReadOnlyList<(string Name, object Value)> values)
    {
        await _database.EnsureSchemaAsync();
        await using var connection = _database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql.TrimEnd(';');
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var details = new List<string>();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetString(reader.GetOrdinal("detail")));
        }

        return string.Join(" | ", details);
    }
}
