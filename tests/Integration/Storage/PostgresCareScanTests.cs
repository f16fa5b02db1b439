using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Grains.ReadModel;
using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.Care;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Integration.Storage;

/// <summary>The care scans' contract against PostgreSQL, each test from empty tables in a database of its own class.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCareScanTests(PostgresServer server) : CareScanContractTests, IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private SqlReadModel _readModel = null!;

    protected override IReadModelWriter Writer => _readModel;

    protected override ICareScanQueries Care => _readModel;

    public async Task InitializeAsync()
    {
        _database = new PostgresDatabase(await server.DatabaseAsync("care_scan"), NullLoggerFactory.Instance);
        await _database.EnsureSchemaAsync();
        await Sql.ExecuteAsync(_database.ConnectionString, "TRUNCATE rm_clients, rm_holdings, care_occurrences");
        _readModel = SqlReadModel.OnPostgres(_database, new PostgresStatementBatcher(_database), TestKeyRing.Sealer());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task DormancyScan_LastContactExpression_UsesItsIndex()
    {
        // An empty table is cheaper to read whole; forbid that so the plan shows whether the index matches at all.
        var plan = await Sql.RowsAsync(_database.ConnectionString,
            "SET enable_seqscan = off; EXPLAIN SELECT client_id FROM rm_clients c WHERE coalesce(c.last_interaction_at, c.client_since) <= 0");

        Assert.Contains(plan, line => line.Contains("ix_rm_clients_last_contact", StringComparison.Ordinal));
    }
}
