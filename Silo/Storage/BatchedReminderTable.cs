namespace WealthActors.Silo.Storage;

/// <summary>
/// Reminders whose registrations and removals run the AdoNet reminder table's own <c>UpsertReminderRowKey</c> and
/// <c>DeleteReminderRowKey</c> statements in a batch shared with other grains' writes; reads go through the AdoNet table
/// itself. Rows, versions and ETag checks are the AdoNet table's; how a statement is batched is each database's.
/// </summary>
internal abstract class BatchedReminderTable(IReminderTable adoNet) : IReminderTable
{
    public Task StartAsync(CancellationToken cancellationToken = default) => adoNet.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => adoNet.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => adoNet.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => adoNet.ReadRows(begin, end);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => adoNet.ReadRow(grainId, reminderName);

    public Task TestOnlyClearTable() => adoNet.TestOnlyClearTable();

    // As the AdoNet table does: an unspecified start is taken as UTC, and the new version is the ETag.
    public async Task<string?> UpsertRow(ReminderEntry entry) => (await Upsert(
        entry,
        entry.StartAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc) : entry.StartAt.ToUniversalTime(),
        (long)entry.Period.TotalMilliseconds,
        unchecked((int)entry.GrainId.GetUniformHashCode())))?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        Remove(grainId, reminderName, int.Parse(eTag, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Registers the reminder (start in UTC, period in milliseconds); its new version, or null.</summary>
    protected abstract Task<int?> Upsert(ReminderEntry entry, DateTime startAtUtc, long periodMs, int grainHash);

    /// <summary>Removes the reminder if its version is still <paramref name="version"/>; whether it did.</summary>
    protected abstract Task<bool> Remove(GrainId grainId, string reminderName, int version);
}
