using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage.ReadModel;

public sealed class SqliteReadModelTests : ReadModelContractTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteDatabase _database;
    private readonly SqlReadModel _readModel;

    public SqliteReadModelTests()
    {
        _database = TestDatabases.Create(_folder);
        _readModel = SqlReadModel.OnSqlite(_database, TestKeyRing.Sealer());
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
    [InlineData("SELECT client_id, birthday FROM rm_clients WHERE birthday IS NOT NULL LIMIT 1000", "ix_rm_clients_clear_birthday")]
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

    [Fact]
    public async Task UpsertClient_Birthday_IsSealedWithOnlyItsMonthAndDayInClear()
    {
        await Writer.UpsertClient(Client("C000901", "Sealed") with { Birthday = new DateOnly(1971, 5, 20) });

        var stored = (byte[])(await TestDatabases.ScalarAsync(_database, "SELECT birthday_sealed FROM rm_clients WHERE client_id = 'C000901'"))!;
        Assert.Equal(TestKeyRing.KeyId, SealedPayloadFormat.ReadHeader(stored).KeyId);
        Assert.Equal(-1, stored.AsSpan().IndexOf("1971-05-20"u8));
        Assert.Equal(DBNull.Value, await TestDatabases.ScalarAsync(_database, "SELECT birthday FROM rm_clients WHERE client_id = 'C000901'"));
        Assert.Equal("05-20", await TestDatabases.ScalarAsync(_database, "SELECT birthday_md FROM rm_clients WHERE client_id = 'C000901'"));
        Assert.Equal(new DateOnly(1971, 5, 20), Assert.Single(await Queries.SearchClients("C000901", 10, null)).Birthday);
    }

    [Fact]
    public async Task UpsertClient_SealedBirthdayCopiedToAnotherClient_DoesNotOpenThere()
    {
        await Writer.UpsertClient(Client("C000902", "One") with { Birthday = new DateOnly(1971, 5, 20) });
        await Writer.UpsertClient(Client("C000903", "Two") with { Birthday = new DateOnly(1985, 1, 2) });

        await TestDatabases.ExecuteAsync(_database,
            "UPDATE rm_clients SET birthday_sealed = (SELECT birthday_sealed FROM rm_clients WHERE client_id = 'C000902') WHERE client_id = 'C000903'");

        await Assert.ThrowsAsync<SealedPayloadTamperedException>(() => Queries.SearchClients("C000903", 10, null));
    }

    [Fact]
    public async Task SealClearBirthdays_DatabaseFromBeforeSealing_SealsTheBirthdaysTheUpgradeLeftInClear()
    {
        // A file at the schema before sealing, holding a client's birthday in clear as that release wrote it.
        var sealing = SchemaScript.Load("sqlite").Single(s => s.Name.EndsWith("-sealed-birthdays", StringComparison.Ordinal));
        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await new SchemaMigrator(new SqliteSchemaDialect(), NullLogger<SchemaMigrator>.Instance).MigrateAsync(connection, sealing.Version - 1);
        }

        await TestDatabases.ExecuteAsync(_database, """
            INSERT INTO rm_clients (client_id, name, name_key, branch_id, advisor_id, tier, vip, aum, birthday, lifecycle, open_complaints, updated_at)
            VALUES ('C000904', 'Before', 'BEFORE', 'B1', 'E1', 2, 1, '8000000', '1971-05-20', 2, 0, '2026-01-01T00:00:00.0000000Z');
            """);

        await _database.EnsureSchemaAsync();
        Assert.Equal("05-20", await TestDatabases.ScalarAsync(_database, "SELECT birthday_md FROM rm_clients WHERE client_id = 'C000904'"));
        // Readable in between (the silo seals before it serves), from the clear column.
        Assert.Equal(new DateOnly(1971, 5, 20), Assert.Single(await Queries.SearchClients("C000904", 10, null)).Birthday);

        Assert.Equal(1, await _readModel.SealClearBirthdays(CancellationToken.None));

        Assert.Equal(DBNull.Value, await TestDatabases.ScalarAsync(_database, "SELECT birthday FROM rm_clients WHERE client_id = 'C000904'"));
        var stored = (byte[])(await TestDatabases.ScalarAsync(_database, "SELECT birthday_sealed FROM rm_clients WHERE client_id = 'C000904'"))!;
        Assert.True(SealedPayloadFormat.IsSealed(stored));
        Assert.Equal(new DateOnly(1971, 5, 20), Assert.Single(await Queries.SearchClients("C000904", 10, null)).Birthday);
        Assert.Equal(0, await _readModel.SealClearBirthdays(CancellationToken.None));
        SqliteConnection.ClearAllPools();
        Assert.Equal(-1, (await File.ReadAllBytesAsync(_database.FilePath)).AsSpan().IndexOf("1971-05-20"u8));
        Assert.False(File.Exists(_database.FilePath + "-wal") && new FileInfo(_database.FilePath + "-wal").Length > 0
            && (await File.ReadAllBytesAsync(_database.FilePath + "-wal")).AsSpan().IndexOf("1971-05-20"u8) >= 0);
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
