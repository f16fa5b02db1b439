using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Grains.ReadModel;
using WealthActors.Integration.Infrastructure;
using WealthActors.ReadModel;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Tests.Storage.ReadModel;
using WealthActors.Testing;

namespace WealthActors.Integration.Storage;

/// <summary>
/// The shared read-model contract against PostgreSQL. The class has its own database; every test starts from empty
/// tables, as the contract's tests each assume.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReadModelTests(PostgresServer server) : ReadModelContractTests, IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private PostgresReadModel _readModel = null!;

    protected override IReadModelWriter Writer => _readModel;

    protected override IReadModelQueries Queries => _readModel;

    public async Task InitializeAsync()
    {
        _database = new PostgresDatabase(await server.DatabaseAsync("read_model"), NullLoggerFactory.Instance);
        await _database.EnsureSchemaAsync();
        await Sql.ExecuteAsync(_database.ConnectionString, "TRUNCATE rm_clients, rm_complaints, rm_inbox, rm_branches");
        _readModel = new PostgresReadModel(_database, new PostgresStatementBatcher(_database), TestKeyRing.Sealer());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task UpsertClient_Birthday_StoresMonthAndDayForTheCareScan()
    {
        await Writer.UpsertClient(Client("C000900", "Birthday") with { Birthday = new DateOnly(1980, 3, 14) });

        Assert.Equal(314, await Sql.ScalarAsync<int>(_database.ConnectionString, "SELECT birthday_mmdd FROM rm_clients WHERE client_id = 'C000900'"));
    }

    [Fact]
    public async Task UpsertComplaint_Instants_AreReadableAsTimestampsThroughTheHelper()
    {
        var openedAt = new DateTimeOffset(2026, 3, 10, 1, 30, 0, TimeSpan.Zero);
        await Writer.UpsertComplaint(new ComplaintRow("K900", "C1", "B1", null, ComplaintStatus.Open, SlaState.OnTrack, Severity.High,
            "fees", 0, openedAt, null, null, openedAt));

        var stored = await Sql.ScalarAsync<DateTime>(_database.ConnectionString, "SELECT wa_instant(opened_at) FROM rm_complaints WHERE complaint_id = 'K900'");

        Assert.Equal(openedAt.UtcDateTime, stored.ToUniversalTime());
    }
}
