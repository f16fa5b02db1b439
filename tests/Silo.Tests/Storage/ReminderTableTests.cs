using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WealthActors.Testing.Contracts;
using Orleans.Runtime;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage;

public sealed class ReminderTableTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Due = TimeSpan.FromMinutes(5);

    private IReminderTable Table => fixture.Silo.Services.GetRequiredService<IReminderTable>();

    private SqliteDatabase Database => fixture.Silo.Services.GetRequiredService<SqliteDatabase>();

    [Fact]
    public async Task RegisterReminder_ThroughGrain_StoresRowReadableByGrainAndName()
    {
        var grain = fixture.Silo.Grains.GetGrain<IReminderTestGrain>(NewKey());
        await grain.Register("daily", Due, Period);
        var id = await grain.GetId();

        var row = await Table.ReadRow(id, "daily");
        var rows = await Table.ReadRows(id);

        Assert.NotNull(row);
        Assert.Equal(id, row.GrainId);
        Assert.Equal(Period, row.Period);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.InRange(row.StartAt, DateTime.UtcNow, DateTime.UtcNow + Due);
        Assert.Equal("daily", Assert.Single(rows.Reminders).ReminderName);
        var stored = await TestDatabases.ScalarAsync(
            Database, "SELECT grain_hash FROM orleans_reminders WHERE grain_id = @id AND reminder_name = 'daily'", ("@id", id.ToString()));
        Assert.Equal((long)(int)id.GetUniformHashCode(), stored);
    }

    [Fact]
    public async Task UpsertRow_Again_ReturnsNewEtagAndStaleEtagCannotDelete()
    {
        var id = GrainId.Create("remindertest", NewKey());
        var first = await Table.UpsertRow(Entry(id, "r"));
        var second = await Table.UpsertRow(Entry(id, "r"));

        Assert.NotEqual(first, second);
        Assert.False(await Table.RemoveRow(id, "r", first!));
        Assert.True(await Table.RemoveRow(id, "r", second!));
        Assert.Null(await Table.ReadRow(id, "r"));
    }

    [Fact]
    public async Task ReadRows_NarrowRangeAroundHash_IsBeginExclusiveEndInclusive()
    {
        var id = GrainId.Create("remindertest", NewKey());
        await Table.UpsertRow(Entry(id, "range"));
        var hash = id.GetUniformHashCode();

        // Just below and just above the row's hash; at the signed edges Orleans switches queries and the
        // outcome must stay the same.
        var inside = await Table.ReadRows(unchecked(hash - 1), hash);
        var excluded = await Table.ReadRows(hash, unchecked(hash + 1));

        Assert.Contains(inside.Reminders, r => r.GrainId == id);
        Assert.DoesNotContain(excluded.Reminders, r => r.GrainId == id);
    }

    [Fact]
    public async Task ReadRows_WrappingRange_IncludesRowsOnBothSidesOfTheSeam()
    {
        var id = GrainId.Create("remindertest", NewKey());
        await Table.UpsertRow(Entry(id, "wrap"));
        var hash = id.GetUniformHashCode();

        // begin >= end (as signed integers) is the wrap-around: (begin, max] plus [min, end].
        var whole = await Table.ReadRows(hash, hash);
        var aroundFromAbove = await Table.ReadRows(unchecked(hash + 1), hash);
        var missingOnlyThis = await Table.ReadRows(hash, unchecked(hash - 1));
        var signedWrap = await Table.ReadRows(int.MaxValue, unchecked((uint)int.MinValue));

        Assert.Contains(whole.Reminders, r => r.GrainId == id);
        Assert.Contains(aroundFromAbove.Reminders, r => r.GrainId == id);
        Assert.DoesNotContain(missingOnlyThis.Reminders, r => r.GrainId == id);
        Assert.Equal(unchecked((int)hash) == int.MinValue, signedWrap.Reminders.Any(r => r.GrainId == id));
    }

    [Fact]
    public async Task ReadRows_ManyGrains_EveryRowInExactlyOneHalfOfTheRing()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => GrainId.Create("remindertest", NewKey())).ToList();
        foreach (var id in ids)
        {
            await Table.UpsertRow(Entry(id, "split"));
        }

        // Split the ring at 0 and 2^31. Orleans compares as signed integers, so the lower half goes to
        // ReadRangeRows2Key (it wraps in signed order) and the upper half to ReadRangeRows1Key.
        var lower = await Table.ReadRows(0u, 0x8000_0000u);
        var upper = await Table.ReadRows(0x8000_0000u, 0u);

        foreach (var id in ids)
        {
            var inLower = lower.Reminders.Any(r => r.GrainId == id);
            var inUpper = upper.Reminders.Any(r => r.GrainId == id);
            Assert.True(inLower ^ inUpper, $"{id} (hash {id.GetUniformHashCode():X8}) must be in exactly one half.");
            var hash = id.GetUniformHashCode();
            Assert.Equal(hash is > 0 and <= 0x8000_0000u, inLower);
        }
    }

    [Fact]
    public Task ReadRows_Range_ReturnsTheRowsThatCanTickWithinTheLoadingWindowOnly() =>
        ReminderRangeReadContract.ReturnsTheRowsThatCanTickWithinTheLoadingWindowOnly(
            Table, fixture.Silo.Services.GetRequiredService<IOptions<ReminderOptions>>().Value.ReminderLoadingWindow);

    [Fact]
    public async Task UnregisterReminder_ThroughGrain_DeletesRow()
    {
        var grain = fixture.Silo.Grains.GetGrain<IReminderTestGrain>(NewKey());
        await grain.Register("once", Due, Period);
        var id = await grain.GetId();

        await grain.Unregister("once");

        Assert.Null(await Table.ReadRow(id, "once"));
        Assert.Empty((await Table.ReadRows(id)).Reminders);
    }

    [Fact]
    public async Task RegisterReminder_DueInOneSecond_Fires()
    {
        var grain = fixture.Silo.Grains.GetGrain<IReminderTestGrain>(NewKey());
        await grain.Register("soon", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        // The real reminder service on the SQLite table: poll instead of sleeping a fixed time.
        var clock = Stopwatch.StartNew();
        while (await grain.Ticks("soon") == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        Assert.True(await grain.Ticks("soon") >= 1, $"No tick after {clock.Elapsed}.");
        await grain.Unregister("soon");
    }

    private static ReminderEntry Entry(GrainId id, string name) => new()
    {
        GrainId = id,
        ReminderName = name,
        StartAt = DateTime.UtcNow + Due,
        Period = Period,
    };

    private static string NewKey() => "R-" + Guid.NewGuid().ToString("N");
}
