using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WealthActors.Integration.Infrastructure;
using WealthActors.ReadModel;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Integration.Storage;

/// <summary>The PostgreSQL schema scripts against a real server: idempotent, upgradeable, safe to run concurrently.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresServer server)
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScript.Load("postgres");

    [Fact]
    public async Task MigrateAsync_EmptyDatabaseTwice_AppliesEveryScriptOnceThenNothing()
    {
        await using var database = Database(await server.DatabaseAsync("migrate_twice"));

        var first = await database.MigrateAsync();
        var second = await database.MigrateAsync();

        Assert.Equal(Scripts.Select(s => s.Name), first.Select(s => s.Name));
        Assert.Empty(second);
        Assert.Empty(await database.PendingAsync());
        var recorded = await Sql.RowsAsync(database.ConnectionString, "SELECT version, checksum FROM wa_schema_versions ORDER BY version");
        Assert.Equal(Scripts.Select(s => $"{s.Version}:{s.Checksum}"), recorded);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseOfPreviousSchemaVersion_AppliesOnlyTheNewScriptAndKeepsData()
    {
        var connectionString = await server.DatabaseAsync("migrate_upgrade");
        var previous = Scripts[^2].Version;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await new SchemaMigrator(new PostgresSchemaDialect(), NullLogger<SchemaMigrator>.Instance).MigrateAsync(connection, previous);
        }

        // Data written by the previous release.
        await Sql.ExecuteAsync(connectionString, """
            INSERT INTO orleans_storage (service_id, grain_type, grain_n0, grain_n1, grain_ext, payload, version)
            VALUES ('svc', 'client/state', 0, 0, '~C1', '\x0102', 7);
            INSERT INTO rm_clients (client_id, name, name_key, branch_id, advisor_id, tier, vip, aum, lifecycle, open_complaints, updated_at)
            VALUES ('C1', 'Zhang', 'ZHANG', 'B1', 'E1', 0, false, 1.5, 0, 0, 0);
            """);
        await using var database = Database(connectionString);
        Assert.Equal([Scripts[^1].Name], (await database.PendingAsync()).Select(s => s.Name));

        var applied = await database.MigrateAsync();

        Assert.Equal([Scripts[^1].Name], applied.Select(s => s.Name));
        Assert.Equal(7, await Sql.ScalarAsync<int>(connectionString, "SELECT version FROM orleans_storage WHERE grain_ext = '~C1'"));
        Assert.Equal("Zhang", await Sql.ScalarAsync<string>(connectionString, "SELECT name FROM rm_clients WHERE client_id = 'C1'"));
        Assert.Empty(await database.PendingAsync());
    }

    [Fact]
    public async Task MigrateAsync_ClearBirthdaysFromBeforeSealing_KeepsTheirMonthAndDayAndTheSilosSealThem()
    {
        var connectionString = await server.DatabaseAsync("migrate_sealed_birthdays");
        var sealing = Scripts.Single(s => s.Name.EndsWith("-sealed-birthdays", StringComparison.Ordinal));
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await new SchemaMigrator(new PostgresSchemaDialect(), NullLogger<SchemaMigrator>.Instance).MigrateAsync(connection, sealing.Version - 1);
        }

        await Sql.ExecuteAsync(connectionString, """
            INSERT INTO rm_clients (client_id, name, name_key, branch_id, advisor_id, tier, vip, aum, birthday, lifecycle, open_complaints, updated_at)
            VALUES ('C1', 'Before', 'BEFORE', 'B1', 'E1', 2, true, 8000000, '1971-05-20', 0, 0, 0);
            -- More rows than a driver runs before it prepares a statement: each is sealed with its own birthday.
            INSERT INTO rm_clients (client_id, name, name_key, branch_id, advisor_id, tier, vip, aum, birthday, lifecycle, open_complaints, updated_at)
            SELECT 'D' || i, 'Before', 'BEFORE', 'B1', 'E1', 2, true, 8000000, DATE '1980-01-01' + i, 0, 0, 0 FROM generate_series(1, 11) AS i;
            """);
        await using var database = Database(connectionString);

        await database.MigrateAsync();

        Assert.Equal(520, await Sql.ScalarAsync<int>(connectionString, "SELECT birthday_mmdd FROM rm_clients WHERE client_id = 'C1'"));
        var readModel = SqlReadModel.OnPostgres(database, new PostgresStatementBatcher(database), TestKeyRing.Sealer());
        Assert.Equal(new DateOnly(1971, 5, 20), Assert.Single(await readModel.SearchClients("C1", 10, null)).Birthday);

        // Two silos starting at once seal each birthday once between them.
        var sealedCounts = await Task.WhenAll(readModel.SealClearBirthdays(CancellationToken.None), readModel.SealClearBirthdays(CancellationToken.None));

        Assert.Equal(12, sealedCounts.Sum());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM rm_clients WHERE birthday IS NOT NULL"));
        Assert.Equal(new DateOnly(1971, 5, 20), Assert.Single(await readModel.SearchClients("C1", 10, null)).Birthday);
        Assert.Equal(new DateOnly(1980, 1, 8), Assert.Single(await readModel.SearchClients("D7", 10, null)).Birthday);
        Assert.Equal(new DateOnly(1980, 1, 12), Assert.Single(await readModel.SearchClients("D11", 10, null)).Birthday);
        var plan = await Sql.RowsAsync(connectionString, "SET enable_seqscan = off; EXPLAIN SELECT client_id FROM rm_clients WHERE birthday_mmdd IN (519, 520)");
        Assert.Contains(plan, line => line.Contains("ix_rm_clients_birthday", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AClientsComplaints_NewestFirst_WalkTheClientsIndexWithoutASort()
    {
        await using var database = Database(await server.DatabaseAsync("complaints_by_client"));
        await database.MigrateAsync();
        var (where, _) = ComplaintFilterSql.Build(new ComplaintFilter(ClientId: "C1", Order: ComplaintOrder.Newest));

        var plan = await Sql.RowsAsync(database.ConnectionString,
            $"SET enable_seqscan = off; EXPLAIN SELECT complaint_id FROM rm_complaints WHERE {where.Replace("@client_id", "'C1'", StringComparison.Ordinal)} "
            + $"{ComplaintFilterSql.OrderBy(ComplaintOrder.Newest)} LIMIT 100");

        Assert.Contains(plan, line => line.Contains("ix_rm_complaints_client_newest", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Sort", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_ThreeSilosAtOnce_ApplyEachScriptExactlyOnce()
    {
        var connectionString = await server.DatabaseAsync("migrate_concurrent");

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await using var database = Database(connectionString);
            return await database.MigrateAsync();
        })));

        Assert.Equal(Scripts.Select(s => s.Name), runs.SelectMany(r => r).Select(s => s.Name).Order());
        Assert.Equal(Scripts.Count, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM wa_schema_versions"));
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_StoresEveryQueryOrleansReads()
    {
        await using var database = Database(await server.DatabaseAsync("migrate_queries"));

        await database.MigrateAsync();

        string[] required =
        [
            // Persistence
            "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
            // Reminders
            "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
            "ReadReminderRowsKey", "UpsertReminderRowKey",
            // Clustering
            "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
            "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey",
            "UpdateMembershipKey",
            // Not Orleans': the batched write of a state with its read-model rows
            "WriteToStorageOrFailKey",
        ];
        var stored = await Sql.RowsAsync(database.ConnectionString, "SELECT QueryKey FROM OrleansQuery");
        Assert.Equal(required.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_CreatesQuartzTablesInTheirSchema()
    {
        await using var database = Database(await server.DatabaseAsync("migrate_quartz"));

        await database.MigrateAsync();

        var tables = await Sql.RowsAsync(database.ConnectionString,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'quartz' ORDER BY table_name");
        Assert.Contains("qrtz_locks", tables);
        Assert.Contains("qrtz_fired_triggers", tables);
        Assert.Contains("qrtz_cron_triggers", tables);
        Assert.Contains("qrtz_scheduler_state", tables);
    }

    [Fact]
    public async Task SiloStart_MigrateOnStartOffAndSchemaMissing_RefusesToStartNamingTheMigrateCommand()
    {
        var settings = new Dictionary<string, string?> { ["Storage:MigrateOnStart"] = "false" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => PostgresTestSilo.StartAsync(server, "migrate_off", settings));

        Assert.Contains("migrate", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(await server.DatabaseAsync("migrate_off"),
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'orleans_storage'"));
    }

    private static PostgresDatabase Database(string connectionString) => new(connectionString, NullLoggerFactory.Instance);
}
