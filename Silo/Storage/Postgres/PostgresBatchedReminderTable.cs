using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>
/// Reminders on PostgreSQL: reads go through Orleans' AdoNet reminder table, while registrations and removals run its
/// own <c>UpsertReminderRowKey</c> and <c>DeleteReminderRowKey</c> statements in a batch shared with other grains'
/// writes (<see cref="PostgresStatementBatcher"/>). Rows, versions and ETag checks are the AdoNet table's.
/// </summary>
internal sealed class PostgresBatchedReminderTable(IReminderTable adoNet, PostgresStatementBatcher batcher, string serviceId) : IReminderTable
{
    public Task StartAsync(CancellationToken cancellationToken = default) => adoNet.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => adoNet.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => adoNet.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => adoNet.ReadRows(begin, end);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => adoNet.ReadRow(grainId, reminderName);

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        // As the AdoNet table does: an unspecified start is taken as UTC.
        var startAt = entry.StartAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc) : entry.StartAt.ToUniversalTime();
        var rows = await batcher.Query(await batcher.OrleansQueryText(OrleansContract.UpsertReminderRowKey), parameters =>
        {
            BindRow(parameters, entry.GrainId, entry.ReminderName);
            parameters.Add(new NpgsqlParameter<DateTime> { ParameterName = OrleansContract.StartTime, NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = startAt });
            parameters.Add(new NpgsqlParameter<long> { ParameterName = OrleansContract.Period, NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = (long)entry.Period.TotalMilliseconds });
            parameters.Add(new NpgsqlParameter<int> { ParameterName = OrleansContract.GrainHash, NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = unchecked((int)entry.GrainId.GetUniformHashCode()) });
        });
        return rows.Count > 0 && rows[0][0] is { } version ? Convert.ToInt32(version, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : null;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var rows = await batcher.Query(await batcher.OrleansQueryText(OrleansContract.DeleteReminderRowKey), parameters =>
        {
            BindRow(parameters, grainId, reminderName);
            parameters.Add(new NpgsqlParameter<int> { ParameterName = OrleansContract.Version, NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = int.Parse(eTag, CultureInfo.InvariantCulture) });
        });
        return rows.Count > 0 && rows[0][0] is true;
    }

    public Task TestOnlyClearTable() => adoNet.TestOnlyClearTable();

    private void BindRow(NpgsqlParameterCollection parameters, GrainId grainId, string reminderName)
    {
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.ServiceId, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = serviceId });
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.GrainId, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainId.ToString() });
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.ReminderName, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = reminderName });
    }
}
