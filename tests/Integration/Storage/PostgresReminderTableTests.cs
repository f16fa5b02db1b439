using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WealthActors.Testing.Contracts;
using WealthActors.Integration.Infrastructure;

namespace WealthActors.Integration.Storage;

/// <summary>Orleans' reminder table contract on PostgreSQL: ETags, ring ranges, signed hashes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTableTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    private PostgresTestSilo _silo = null!;

    private IReminderTable Table => _silo.Services.GetRequiredService<IReminderTable>();

    public async Task InitializeAsync() => _silo = await PostgresTestSilo.SharedAsync(server, "reminders");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UpsertRow_NewThenAgain_ReturnsNewEtagAndStaleEtagCannotDelete()
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
    public async Task ReadRow_AfterUpsert_ReturnsUtcStartPeriodAndEtag()
    {
        var id = GrainId.Create("remindertest", NewKey());
        var entry = Entry(id, "daily");
        var etag = await Table.UpsertRow(entry);

        var row = await Table.ReadRow(id, "daily");

        Assert.NotNull(row);
        Assert.Equal(id, row.GrainId);
        Assert.Equal(Period, row.Period);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        // timestamptz keeps microseconds.
        Assert.Equal(entry.StartAt.Ticks / 10, row.StartAt.Ticks / 10);
        Assert.Equal(etag, row.ETag);
        Assert.Equal("daily", Assert.Single((await Table.ReadRows(id)).Reminders).ReminderName);
    }

    [Fact]
    public async Task ReadRows_RangeAroundHash_IsBeginExclusiveEndInclusiveAndWrapsAround()
    {
        var id = GrainId.Create("remindertest", NewKey());
        await Table.UpsertRow(Entry(id, "range"));
        var hash = id.GetUniformHashCode();

        Assert.Contains(await Names(unchecked(hash - 1), hash), n => n == "range");
        Assert.DoesNotContain(await Names(hash, unchecked(hash + 1)), n => n == "range");
        // A range that wraps around the ring (begin > end in signed order) covers everything outside (end, begin].
        Assert.Contains(await Names(unchecked(hash + 1), hash), n => n == "range");
        Assert.DoesNotContain(await Names(unchecked(hash + 5), unchecked(hash - 5)), n => n == "range");
    }

    [Fact]
    public Task ReadRows_Range_ReturnsTheRowsThatCanTickWithinTheLoadingWindowOnly() =>
        ReminderRangeReadContract.ReturnsTheRowsThatCanTickWithinTheLoadingWindowOnly(
            Table, _silo.Services.GetRequiredService<IOptions<ReminderOptions>>().Value.ReminderLoadingWindow);

    private async Task<List<string>> Names(uint begin, uint end) =>
        (await Table.ReadRows(begin, end)).Reminders.Select(r => r.ReminderName).ToList();

    private static ReminderEntry Entry(GrainId id, string name) => new()
    {
        GrainId = id,
        ReminderName = name,
        StartAt = DateTime.UtcNow.AddMinutes(5),
        Period = Period,
    };

    private static string NewKey() => "R-" + Guid.NewGuid().ToString("N");
}
