using Orleans.Runtime;

namespace WealthActors.Testing.Contracts;

/// <summary>
/// The reminder table's range re-read returns the reminders that can tick within the reminder service's loading window
/// and leaves out the ones first due beyond it: checked on SQLite in the silo tests and on PostgreSQL in the
/// integration tests, through the table the silo registered.
/// </summary>
public static class ReminderRangeReadContract
{
    public static async Task ReturnsTheRowsThatCanTickWithinTheLoadingWindowOnly(IReminderTable table, TimeSpan window)
    {
        var now = DateTime.UtcNow;
        var soon = await Upsert(table, "soon", now.AddMinutes(5), TimeSpan.FromMinutes(10));
        var atTheWindowsEnd = await Upsert(table, "edge", now + window, TimeSpan.FromMinutes(10));
        // Started hours ago with a daily period: a started reminder ticks again within a period, so it is always read.
        var started = await Upsert(table, "started", now.AddHours(-3), TimeSpan.FromDays(1));
        var distant = await Upsert(table, "distant", now + window + TimeSpan.FromHours(1), TimeSpan.FromMinutes(10));

        var ring = (await table.ReadRows(0u, 0u)).Reminders;
        var halves = (await table.ReadRows(0u, 0x8000_0000u)).Reminders.Concat((await table.ReadRows(0x8000_0000u, 0u)).Reminders).ToList();

        foreach (var read in new[] { ring, halves })
        {
            Assert.Contains(read, r => r.GrainId == soon && r.ReminderName == "soon");
            Assert.Contains(read, r => r.GrainId == atTheWindowsEnd);
            Assert.Contains(read, r => r.GrainId == started && r.Period == TimeSpan.FromDays(1));
            Assert.DoesNotContain(read, r => r.GrainId == distant);
        }

        // The distant reminder is still stored and read by its grain; the service loads it once it nears.
        Assert.Equal("distant", Assert.Single((await table.ReadRows(distant)).Reminders).ReminderName);
        var readSoon = Assert.Single(ring, r => r.GrainId == soon);
        var stored = await table.ReadRow(soon, "soon");
        Assert.Equal(stored!.ETag, readSoon.ETag);
        Assert.Equal(stored.StartAt, readSoon.StartAt);
        Assert.Equal(DateTimeKind.Utc, readSoon.StartAt.Kind);
    }

    private static async Task<GrainId> Upsert(IReminderTable table, string name, DateTime startAt, TimeSpan period)
    {
        var id = GrainId.Create("remindertest", "R-" + Guid.NewGuid().ToString("N"));
        await table.UpsertRow(new ReminderEntry { GrainId = id, ReminderName = name, StartAt = startAt, Period = period });
        return id;
    }
}
