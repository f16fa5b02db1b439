using Microsoft.Extensions.Time.Testing;
using WealthActors.Silo.Storage.Deliveries;

namespace WealthActors.Silo.Tests.Storage;

/// <summary>Chat delivery keys in a real SQLite file: first time, retry, expiry, forgetting, purging, another process.</summary>
public sealed class SqliteDeliveryDeduplicationTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private DateTimeOffset Until => _clock.GetUtcNow() + Window;

    [Fact]
    public async Task TryRecordFirst_SameKeyWithinItsWindow_OnlyTheFirstIsFirst()
    {
        using var database = TestDatabases.Create(_folder);
        var seen = new SqliteDeliveryDeduplication(database, _clock);

        Assert.True(await seen.TryRecordFirstAsync("wecom:msg:1", Until));
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(await seen.TryRecordFirstAsync("wecom:msg:1", Until));
        Assert.True(await seen.TryRecordFirstAsync("wecom:msg:2", Until));
    }

    [Fact]
    public async Task TryRecordFirst_AnotherInstanceOnTheSameFile_RemembersTheKey()
    {
        // What a restarted Silo sees: a new process, the same file.
        using (var before = TestDatabases.Create(_folder))
        {
            Assert.True(await new SqliteDeliveryDeduplication(before, _clock).TryRecordFirstAsync("teams:abc", Until));
        }

        using var after = TestDatabases.Create(_folder);
        Assert.False(await new SqliteDeliveryDeduplication(after, _clock).TryRecordFirstAsync("teams:abc", Until));
    }

    [Fact]
    public async Task TryRecordFirst_AfterTheKeyExpired_IsFirstAgain()
    {
        using var database = TestDatabases.Create(_folder);
        var seen = new SqliteDeliveryDeduplication(database, _clock);
        Assert.True(await seen.TryRecordFirstAsync("k", _clock.GetUtcNow().AddMinutes(1)));

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(await seen.TryRecordFirstAsync("k", Until));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await seen.TryRecordFirstAsync("k", Until));
        Assert.False(await seen.TryRecordFirstAsync("k", Until));
    }

    [Fact]
    public async Task Forget_AfterFailedHandling_TheRetryIsFirst()
    {
        using var database = TestDatabases.Create(_folder);
        var seen = new SqliteDeliveryDeduplication(database, _clock);
        Assert.True(await seen.TryRecordFirstAsync("k", Until));

        await seen.ForgetAsync("k");

        Assert.True(await seen.TryRecordFirstAsync("k", Until));
    }

    [Fact]
    public async Task TryRecordFirst_ConcurrentDeliveriesOfOneKey_ExactlyOneIsFirst()
    {
        using var database = TestDatabases.Create(_folder);
        var seen = new SqliteDeliveryDeduplication(database, _clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => seen.TryRecordFirstAsync("race", Until))));

        Assert.Equal(1, results.Count(first => first));
    }

    [Fact]
    public async Task TryRecordFirst_OnceAMinute_PurgesExpiredKeys()
    {
        using var database = TestDatabases.Create(_folder);
        var seen = new SqliteDeliveryDeduplication(database, _clock);
        for (var i = 0; i < 5; i++)
        {
            await seen.TryRecordFirstAsync($"old:{i}", _clock.GetUtcNow().AddSeconds(30));
        }

        _clock.Advance(DeliveryKeyPurge.Interval);
        await seen.TryRecordFirstAsync("new", Until);

        Assert.Equal(1L, await TestDatabases.ScalarAsync(database, "SELECT COUNT(*) FROM wa_seen_deliveries"));
    }
}
