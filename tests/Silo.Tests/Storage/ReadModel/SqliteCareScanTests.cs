using WealthActors.Grains.ReadModel;
using WealthActors.Silo.Care;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage.ReadModel;

public sealed class SqliteCareScanTests : CareScanContractTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteDatabase _database;
    private readonly SqlReadModel _readModel;

    public SqliteCareScanTests()
    {
        _database = TestDatabases.Create(_folder);
        _readModel = SqlReadModel.OnSqlite(_database, TestKeyRing.Sealer());
    }

    protected override IReadModelWriter Writer => _readModel;

    protected override ICareScanQueries Care => _readModel;

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("SELECT * FROM rm_clients c WHERE coalesce(c.last_interaction_at, c.client_since) <= '2026-01-01'", "ix_rm_clients_last_contact")]
    [InlineData("SELECT * FROM rm_holdings WHERE maturity_date >= '2026-03-10' AND maturity_date <= '2026-04-10'", "ix_rm_holdings_maturity")]
    [InlineData("SELECT * FROM rm_clients WHERE birthday_md IN ('12-28', '12-29')", "ix_rm_clients_birthday_md")]
    public async Task QueryPlan_CareScans_UseTheirIndex(string sql, string index)
    {
        await _database.EnsureSchemaAsync();
        await using var connection = _database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
    }
}
