using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage.ReadModel;

public sealed class SqliteReadModelTests : ReadModelContractTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteReadModel _readModel;

    public SqliteReadModelTests()
    {
        _database = TestDatabases.Create(_folder);
        _readModel = new SqliteReadModel(_database);
    }

    protected override IReadModelWriter Writer => _readModel;

    protected override IReadModelQueries Queries => _readModel;

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("SELECT * FROM rm_clients WHERE birthday_md BETWEEN '03-10' AND '03-17'", "ix_rm_clients_birthday_md")]
    [InlineData("SELECT * FROM rm_clients WHERE risk_expires_on < '2026-04-01'", "ix_rm_clients_risk_expires")]
    [InlineData("SELECT * FROM rm_clients WHERE last_interaction_at < '2026-01-01'", "ix_rm_clients_last_interaction")]
    [InlineData("SELECT * FROM rm_clients WHERE next_maturity BETWEEN '2026-03-10' AND '2026-04-10'", "ix_rm_clients_next_maturity")]
    [InlineData("SELECT * FROM rm_complaints WHERE branch_id = 'B1' AND status = 0", "ix_rm_complaints_branch")]
    [InlineData("SELECT * FROM rm_complaints WHERE assignee = 'E1'", "ix_rm_complaints_assignee")]
    [InlineData("SELECT * FROM rm_inbox WHERE employee_id = 'E1' ORDER BY created_at DESC", "ix_rm_inbox_newest")]
    [InlineData("SELECT complaint_id FROM rm_complaints WHERE calendar_id = 'uk' AND status <> 3 ORDER BY complaint_id", "ix_rm_complaints_calendar")]
    public async Task QueryPlan_ScanAndListQueries_UseTheirIndex(string sql, string index)
    {
        await _database.EnsureSchemaAsync();

        var plan = string.Join(" | ", await PlanDetailsAsync(sql));

        Assert.Contains(index, plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertClient_Birthday_StoresMonthDayForTheCareScan()
    {
        await Writer.UpsertClient(Client("C000900", "Birthday") with { Birthday = new DateOnly(1980, 3, 14) });

        Assert.Equal("03-14", await TestDatabases.ScalarAsync(_database, "SELECT birthday_md FROM rm_clients WHERE client_id = 'C000900'"));
    }

    private async Task<List<string>> PlanDetailsAsync(string sql)
    {
        await using var connection = _database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var details = new List<string>();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetString(reader.GetOrdinal("detail")));
        }

        return details;
    }
}
