using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>
/// The reminders a Silo process keeps in its SQLite file, read beside the running process. A grain with no reminder
/// due soon gets no tick soon: that, and not a fixed wait, is how a restart test knows nothing more will fire.
/// </summary>
internal static class SqliteReminderRows
{
    /// <summary>When each reminder of the grain whose key is <paramref name="grainKey"/> was last registered to tick first.</summary>
    public static async Task<IReadOnlyList<DateTimeOffset>> StartTimes(string databasePath, string grainKey)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(connectionString.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // grain_id is "type/key" (see 004-orleans-reminders.sql).
        command.CommandText = "SELECT start_time FROM orleans_reminders WHERE substr(grain_id, instr(grain_id, '/') + 1) = @key";
        command.Parameters.AddWithValue("@key", grainKey);
        var starts = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            starts.Add(new DateTimeOffset(DateTime.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)));
        }

        return starts;
    }

    /// <summary>
    /// Waits until no reminder of the grain is due within the next minute (none left, or re-armed for a later deadline),
    /// far longer than any retry period the restart tests set.
    /// </summary>
    public static Task<IReadOnlyList<DateTimeOffset>> NoneDueSoon(string databasePath, string grainKey) =>
        Eventually.Until(
            () => StartTimes(databasePath, grainKey), starts => starts.All(s => s > DateTimeOffset.UtcNow.AddMinutes(1)),
            $"the reminders of {grainKey} to end or move past the next minute", timeoutMs: 30_000);
}
