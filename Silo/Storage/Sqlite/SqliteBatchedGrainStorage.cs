using Microsoft.Data.Sqlite;
using Orleans.Storage;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// Grain state in the embedded SQLite file (<see cref="BatchedGrainStorage"/>). Writes share the file's group commit
/// with other grains' writes and the read model's (<see cref="SqliteStatementBatcher"/>); a state's read-model row runs
/// in its unit only when the state's version check returned the new version. Reads take no turn of the write gate:
/// under WAL a reader sees the last commit and never waits for the writer.
/// </summary>
internal sealed class SqliteBatchedGrainStorage(
    ExactKeyGrainStorage exactKey,
    SqliteDatabase database,
    IGrainStorageSerializer serializer,
    string serviceId,
    StateWriteProjection? projection,
    IStateWriteAudit? audit) : BatchedGrainStorage(exactKey, serializer, serviceId, projection, audit)
{
    protected override async Task<(byte[]? Payload, int? Version)> ReadRow(StateRow row)
    {
        var text = await database.OrleansQueries.Get(OrleansContract.ReadFromStorageKey);
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        BindRow(command.Parameters, row);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.GetInt32(1))
            : (null, null);
    }

    protected override async Task<int?> WriteRow(StateRow row, int? expected, byte[] payload, ReadModelWrite[]? projected, StateWriteEntry? audit)
    {
        var write = new ReadModelWrite(await database.OrleansQueries.Get(OrleansContract.WriteToStorageKey), parameters =>
        {
            var typed = (SqliteParameterCollection)parameters;
            BindRow(typed, row);
            typed.AddWithValue("@" + OrleansContract.GrainStateVersion, expected is { } version ? version : DBNull.Value);
            typed.AddWithValue("@" + OrleansContract.PayloadBinary, payload);
        });

        // The rest only when the version check let the write through: no entry for a write that did not happen.
        ReadModelWrite[] then = audit is null ? projected ?? [] : [.. projected ?? [], SqliteAuditStore.Entry(audit)];
        return StatementRows.FirstInt32(await database.Writes.QueryThen(write, then));
    }

    private void BindRow(SqliteParameterCollection parameters, StateRow row)
    {
        parameters.AddWithValue("@" + OrleansContract.ServiceId, ServiceId);
        parameters.AddWithValue("@" + OrleansContract.GrainTypeString, row.GrainType);
        parameters.AddWithValue("@" + OrleansContract.GrainIdN0, 0L);
        parameters.AddWithValue("@" + OrleansContract.GrainIdN1, 0L);
        parameters.AddWithValue("@" + OrleansContract.GrainIdExtensionString, row.Key);
    }
}
