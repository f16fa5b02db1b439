using Npgsql;
using NpgsqlTypes;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>Reminders on PostgreSQL (<see cref="BatchedReminderTable"/>), batched by <see cref="PostgresStatementBatcher"/>.</summary>
internal sealed class PostgresBatchedReminderTable(
    IReminderTable adoNet, PostgresDatabase database, PostgresStatementBatcher batcher, string serviceId, TimeProvider clock, ReminderOptions options)
    : BatchedReminderTable(adoNet, database.DataSource, serviceId, clock, options)
{
    protected override async Task<int?> Upsert(ReminderEntry entry, DateTime startAtUtc, long periodMs, int grainHash)
    {
        var rows = await batcher.Query(await batcher.OrleansQueryText(OrleansContract.UpsertReminderRowKey), parameters =>
        {
            BindRow(parameters, entry.GrainId, entry.ReminderName);
            parameters.Add(new NpgsqlParameter<DateTime> { ParameterName = OrleansContract.StartTime, NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = startAtUtc });
            parameters.Add(new NpgsqlParameter<long> { ParameterName = OrleansContract.Period, NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = periodMs });
            parameters.Add(new NpgsqlParameter<int> { ParameterName = OrleansContract.GrainHash, NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = grainHash });
        });
        return StatementRows.FirstInt32(rows);
    }

    protected override async Task<bool> Remove(GrainId grainId, string reminderName, int version)
    {
        var rows = await batcher.Query(await batcher.OrleansQueryText(OrleansContract.DeleteReminderRowKey), parameters =>
        {
            BindRow(parameters, grainId, reminderName);
            parameters.Add(new NpgsqlParameter<int> { ParameterName = OrleansContract.Version, NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = version });
        });
        return rows.Count > 0 && rows[0][0] is true;
    }

    private void BindRow(NpgsqlParameterCollection parameters, GrainId grainId, string reminderName)
    {
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.ServiceId, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = ServiceId });
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.GrainId, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainId.ToString() });
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.ReminderName, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = reminderName });
    }
}
