using System.Data.Common;
using System.Globalization;

namespace WealthActors.Silo.Storage;

/// <summary>
/// Reminders whose registrations and removals run the AdoNet reminder table's own <c>UpsertReminderRowKey</c> and
/// <c>DeleteReminderRowKey</c> statements in a batch shared with other grains' writes; reads of one grain's rows go
/// through the AdoNet table itself. Rows, versions and ETag checks are the AdoNet table's; how a statement is batched is
/// each database's.
/// <para>
/// The reminder service re-reads its share of the ring every <c>RefreshReminderListPeriod</c> and keeps in memory only
/// the reminders whose next tick falls within <c>ReminderLoadingWindow</c>. The AdoNet table answers that re-read with
/// every row of the range, so with a million cases open the service parsed and compared a million rows to keep those due
/// soon, on the scheduler that also fires the ticks (README "Reminders at scale"). This
/// table answers with the rows whose next tick can fall within the window: those starting by its end (a reminder whose
/// start has passed ticks again within one period, so it is always returned). What it leaves out is what the service
/// would drop on reading it: a row it already holds and no longer finds is one whose first tick lies beyond the window.
/// </para>
/// </summary>
/// <param name="reads">Where the range re-read runs: a connection beside the writer, as both databases allow.</param>
internal abstract class BatchedReminderTable(
    IReminderTable adoNet, DbDataSource reads, string serviceId, TimeProvider clock, ReminderOptions options) : IReminderTable
{
    /// <summary>
    /// Beyond the window: the service judges the window from its own clock reading, taken after the rows come back, so
    /// the read looks a little further than the service will.
    /// </summary>
    private static readonly TimeSpan ReadAhead = TimeSpan.FromMinutes(1);

    // The same texts on both databases. A range whose begin is not below its end (as signed integers, which is how
    // Orleans compares ring positions) wraps around the ring, the whole ring when they are equal, as the AdoNet
    // table's ReadRangeRows2Key. Start times compare as stored: timestamptz on PostgreSQL, text of one format on SQLite.
    private const string RangeQuery = """
        SELECT grain_id, reminder_name, start_time, period, version FROM orleans_reminders
        WHERE service_id = @service_id AND grain_hash > @begin_hash AND grain_hash <= @end_hash AND start_time <= @due_by
        """;

    private const string WrappingRangeQuery = """
        SELECT grain_id, reminder_name, start_time, period, version FROM orleans_reminders
        WHERE service_id = @service_id AND (grain_hash > @begin_hash OR grain_hash <= @end_hash) AND start_time <= @due_by
        """;

    protected string ServiceId => serviceId;

    public Task StartAsync(CancellationToken cancellationToken = default) => adoNet.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => adoNet.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => adoNet.ReadRows(grainId);

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var (from, to) = (unchecked((int)begin), unchecked((int)end));
        await using var connection = await reads.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = from < to ? RangeQuery : WrappingRangeQuery;
        Bind(command, "@service_id", serviceId);
        Bind(command, "@begin_hash", from);
        Bind(command, "@end_hash", to);
        // UTC, bound as the start times are.
        Bind(command, "@due_by", clock.GetUtcNow().UtcDateTime + options.ReminderLoadingWindow + ReadAhead);
        await using var reader = await command.ExecuteReaderAsync();
        return new ReminderTableData(await ReadEntries(reader));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => adoNet.ReadRow(grainId, reminderName);

    public Task TestOnlyClearTable() => adoNet.TestOnlyClearTable();

    // As the AdoNet table does: an unspecified start is taken as UTC, and the new version is the ETag.
    public async Task<string?> UpsertRow(ReminderEntry entry) => (await Upsert(
        entry,
        entry.StartAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc) : entry.StartAt.ToUniversalTime(),
        (long)entry.Period.TotalMilliseconds,
        unchecked((int)entry.GrainId.GetUniformHashCode())))?.ToString(CultureInfo.InvariantCulture);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        Remove(grainId, reminderName, int.Parse(eTag, CultureInfo.InvariantCulture));

    /// <summary>Registers the reminder (start in UTC, period in milliseconds); its new version, or null.</summary>
    protected abstract Task<int?> Upsert(ReminderEntry entry, DateTime startAtUtc, long periodMs, int grainHash);

    /// <summary>Removes the reminder if its version is still <paramref name="version"/>; whether it did.</summary>
    protected abstract Task<bool> Remove(GrainId grainId, string reminderName, int version);

    private static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The rows of a range read as the AdoNet table makes them: UTC start, version as the ETag.</summary>
    private static async Task<List<ReminderEntry>> ReadEntries(DbDataReader reader)
    {
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt32(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }
}
