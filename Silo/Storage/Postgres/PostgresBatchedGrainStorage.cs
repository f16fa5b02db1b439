using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>
/// Grain state on PostgreSQL (<see cref="BatchedGrainStorage"/>): reads and writes run in batches shared with other
/// grains' reads or writes (<see cref="PostgresStatementBatcher"/>). A write that carries read-model statements is the
/// same write made to fail on a stale version, so the statements after it cannot commit without the state.
/// </summary>
internal sealed class PostgresBatchedGrainStorage(
    ExactKeyGrainStorage exactKey,
    PostgresStatementBatcher batcher,
    IGrainStorageSerializer serializer,
    string serviceId,
    StateWriteProjection? projection,
    IStateWriteAudit? audit) : BatchedGrainStorage(exactKey, serializer, serviceId, projection, audit)
{
    // The same write, failing the unit when the version is stale so the rows after it cannot commit without the state
    // (003-orleans-storage-queries.sql).
    internal const string WriteOrFailQueryKey = "WriteToStorageOrFailKey";

    private const string StaleVersionSqlState = "WA409";

    protected override async Task<(byte[]? Payload, int? Version)> ReadRow(StateRow row)
    {
        var rows = await batcher.Read(await batcher.OrleansQueryText(OrleansContract.ReadFromStorageKey), parameters => BindRow(parameters, row));
        return (rows.Count > 0 ? rows[0][0] as byte[] : null, StatementRows.FirstInt32(rows, column: 1));
    }

    protected override async Task<int?> WriteRow(StateRow row, int? expected, byte[] payload, ReadModelWrite[]? projected, StateWriteEntry? audit)
    {
        // With a row or an entry beside it, a stale version must fail the unit, so that neither is kept without the write.
        var queryKey = projected is null && audit is null ? OrleansContract.WriteToStorageKey : WriteOrFailQueryKey;
        var write = new PostgresStatement(await batcher.OrleansQueryText(queryKey), parameters =>
        {
            BindRow(parameters, row);
            parameters.Add(new NpgsqlParameter { ParameterName = OrleansContract.GrainStateVersion, NpgsqlDbType = NpgsqlDbType.Integer, Value = expected is { } version ? version : DBNull.Value });
            parameters.Add(new NpgsqlParameter<byte[]> { ParameterName = OrleansContract.PayloadBinary, NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = payload });
        }, ReturnsRows: true);

        try
        {
            PostgresStatement[] unit = [write, .. PostgresReadModelDialect.Statements(projected ?? []), .. audit is null ? Array.Empty<PostgresStatement>() : [PostgresStatement.Of(audit)]];
            return StatementRows.FirstInt32(await batcher.Query(unit));
        }
        catch (PostgresException ex) when (ex.SqlState == StaleVersionSqlState)
        {
            return null;
        }
    }

    private void BindRow(NpgsqlParameterCollection parameters, StateRow row)
    {
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.ServiceId, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = ServiceId });
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.GrainTypeString, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = row.GrainType });
        parameters.Add(new NpgsqlParameter<long> { ParameterName = OrleansContract.GrainIdN0, NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = 0 });
        parameters.Add(new NpgsqlParameter<long> { ParameterName = OrleansContract.GrainIdN1, NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = 0 });
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.GrainIdExtensionString, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = row.Key });
    }
}
