using System.Globalization;
using Microsoft.Data.Sqlite;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// Reminders in the embedded SQLite file (<see cref="BatchedReminderTable"/>): registrations and removals share the
/// file's group commit (<see cref="SqliteStatementBatcher"/>), so a command that arms its deadline and writes its state
/// pays two places in batches rather than two turns of the write gate. Values are bound as the AdoNet table binds them.
/// </summary>
internal sealed class SqliteBatchedReminderTable(
    IReminderTable adoNet, SqliteDatabase database, string serviceId, TimeProvider clock, ReminderOptions options)
    : BatchedReminderTable(adoNet, database.ReadDataSource, serviceId, clock, options)
{
    protected override async Task<int?> Upsert(ReminderEntry entry, DateTime startAtUtc, long periodMs, int grainHash)
    {
        var rows = await Query(OrleansContract.UpsertReminderRowKey, parameters =>
        {
            BindRow(parameters, entry.GrainId, entry.ReminderName);
            parameters.AddWithValue("@" + OrleansContract.StartTime, startAtUtc);
            parameters.AddWithValue("@" + OrleansContract.Period, periodMs);
            parameters.AddWithValue("@" + OrleansContract.GrainHash, grainHash);
        });
        return StatementRows.FirstInt32(rows);
    }

    protected override async Task<bool> Remove(GrainId grainId, string reminderName, int version)
    {
        var rows = await Query(OrleansContract.DeleteReminderRowKey, parameters =>
        {
            BindRow(parameters, grainId, reminderName);
            parameters.AddWithValue("@" + OrleansContract.Version, version);
        });
        return rows.Count > 0 && Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture) != 0;
    }

    private async Task<IReadOnlyList<object?[]>> Query(string queryKey, Action<SqliteParameterCollection> bind)
    {
        var text = await database.OrleansQueries.Get(queryKey);
        return await database.Writes.QueryThen(new ReadModelWrite(text, parameters => bind((SqliteParameterCollection)parameters)), []);
    }

    private void BindRow(SqliteParameterCollection parameters, GrainId grainId, string reminderName)
    {
        parameters.AddWithValue("@" + OrleansContract.ServiceId, ServiceId);
        parameters.AddWithValue("@" + OrleansContract.GrainId, grainId.ToString());
        parameters.AddWithValue("@" + OrleansContract.ReminderName, reminderName);
    }
}
