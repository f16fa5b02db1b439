using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.Storage.Deliveries;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Integration.Storage;

/// <summary>Chat delivery keys in a real PostgreSQL database, as every silo of a cluster shares them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDeliveryDeduplicationTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = new PostgresDatabase(await server.DatabaseAsync("seen_deliveries"), NullLoggerFactory.Instance);
        await _database.EnsureSchemaAsync();
        await Sql.ExecuteAsync(_database.ConnectionString, "TRUNCATE wa_seen_deliveries");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private DateTimeOffset Until => _clock.GetUtcNow() + Window;

    [Fact]
    public async Task TryRecordFirst_TwoSilos_OnlyOneIsFirstAndTheKeyExpires()
    {
        // Two instances, as two silos would have, on one database.
        var one = new PostgresDeliveryDeduplication(_database, _clock);
        var other = new PostgresDeliveryDeduplication(_database, _clock);

        Assert.True(await one.TryRecordFirstAsync("wecom:msg:1", _clock.GetUtcNow().AddMinutes(1)));
        Assert.False(await other.TryRecordFirstAsync("wecom:msg:1", Until));
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await other.TryRecordFirstAsync("wecom:msg:1", Until));
        Assert.False(await one.TryRecordFirstAsync("wecom:msg:1", Until));
    }

    [Fact]
    public async Task TryRecordFirst_ConcurrentDeliveriesOfOneKey_ExactlyOneIsFirst()
    {
        var silos = Enumerable.Range(0, 4).Select(_ => new PostgresDeliveryDeduplication(_database, _clock)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => silos[i % 4].TryRecordFirstAsync("teams:race", Until))));

        Assert.Equal(1, results.Count(first => first));
    }

    [Fact]
    public async Task Forget_AfterFailedHandling_TheRetryIsFirst()
    {
        var seen = new PostgresDeliveryDeduplication(_database, _clock);
        Assert.True(await seen.TryRecordFirstAsync("k", Until));

        await seen.ForgetAsync("k");

        Assert.True(await seen.TryRecordFirstAsync("k", Until));
    }

    [Fact]
    public async Task TryRecordFirst_OnceAMinute_PurgesExpiredKeys()
    {
        var seen = new PostgresDeliveryDeduplication(_database, _clock);
        for (var i = 0; i < 5; i++)
        {
            await seen.TryRecordFirstAsync($"old:{i}", _clock.GetUtcNow().AddSeconds(30));
        }

        _clock.Advance(DeliveryKeyPurge.Interval);
        await seen.TryRecordFirstAsync("new", Until);

        Assert.Equal(1L, await Sql.ScalarAsync<long>(_database.ConnectionString, "SELECT COUNT(*) FROM wa_seen_deliveries"));
    }
}
