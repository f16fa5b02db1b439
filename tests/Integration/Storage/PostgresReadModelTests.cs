using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Grains.ReadModel;
using WealthActors.Integration.Infrastructure;
using WealthActors.ReadModel;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Integration.Storage;

/// <summary>
/// The shared read-model contract against PostgreSQL. The class has its own database; every test starts from empty
/// tables, as the contract's tests each assume.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReadModelTests(PostgresServer server) : ReadModelContractTests, IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private SqlReadModel _readModel = null!;

    protected override IReadModelWriter Writer => _readModel;

    protected override IReadModelQueries Queries => _readModel;

    public async Task InitializeAsync()
    {
        _database = new PostgresDatabase(await server.DatabaseAsync("read_model"), NullLoggerFactory.Instance);
        await _database.EnsureSchemaAsync();
        await Sql.ExecuteAsync(_database.ConnectionString, "TRUNCATE rm_clients, rm_complaints, rm_inbox, rm_branches, rm_holdings");
        _readModel = SqlReadModel.OnPostgres(_database, new PostgresStatementBatcher(_database), TestKeyRing.Sealer());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task UpsertClient_Birthday_StoresMonthAndDayForTheCareScan()
    {
        await Writer.UpsertClient(Client("C000900", "Birthday") with { Birthday = new DateOnly(1980, 3, 14) });

        Assert.Equal(314, await Sql.ScalarAsync<int>(_database.ConnectionString, "SELECT birthday_mmdd FROM rm_clients WHERE client_id = 'C000900'"));
    }

    [Fact]
    public async Task UpsertClient_Birthday_IsSealedWithOnlyItsMonthAndDayInClear()
    {
        await Writer.UpsertClient(Client("C000901", "Sealed") with { Birthday = new DateOnly(1971, 5, 20) });

        var stored = await Sql.ScalarAsync<byte[]>(_database.ConnectionString, "SELECT birthday_sealed FROM rm_clients WHERE client_id = 'C000901'");
        Assert.Equal(TestKeyRing.KeyId, SealedPayloadFormat.ReadHeader(stored).KeyId);
        Assert.Equal(-1, stored.AsSpan().IndexOf("1971-05-20"u8));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(_database.ConnectionString, "SELECT count(*) FROM rm_clients WHERE birthday IS NOT NULL"));
        Assert.Equal(520, await Sql.ScalarAsync<int>(_database.ConnectionString, "SELECT birthday_mmdd FROM rm_clients WHERE client_id = 'C000901'"));
        Assert.Equal(new DateOnly(1971, 5, 20), Assert.Single(await Queries.SearchClients("C000901", 10, null)).Birthday);
    }

    [Fact]
    public async Task UpsertClient_SealedBirthdayCopiedToAnotherClient_DoesNotOpenThere()
    {
        await Writer.UpsertClient(Client("C000902", "One") with { Birthday = new DateOnly(1971, 5, 20) });
        await Writer.UpsertClient(Client("C000903", "Two") with { Birthday = new DateOnly(1985, 1, 2) });

        await Sql.ExecuteAsync(_database.ConnectionString,
            "UPDATE rm_clients SET birthday_sealed = (SELECT birthday_sealed FROM rm_clients WHERE client_id = 'C000902') WHERE client_id = 'C000903'");

        await Assert.ThrowsAsync<SealedPayloadTamperedException>(() => Queries.SearchClients("C000903", 10, null));
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
