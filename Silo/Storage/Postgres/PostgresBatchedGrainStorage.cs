using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;
using WealthActors.Grains.ReadModel;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>
/// Grain state on PostgreSQL: reads and writes run the AdoNet provider's own <c>ReadFromStorageKey</c> and
/// <c>WriteToStorageKey</c> statements in batches shared with other grains' reads or writes
/// (<see cref="PostgresStatementBatcher"/>); clears go through the provider itself (behind the exact-key decorator).
/// The row, the payload and the ETag rules are the provider's: a stale ETag still fails with
/// <see cref="InconsistentStateException"/> and leaves the stored state alone, and a read answers as the provider's does.
/// A state that carries its read-model row (<see cref="IProjectedState"/>) is written with the row in one unit, when the
/// option to do so is given (<paramref name="projection"/>: the read model is in this database), by the same write made
/// to fail on a stale version.
/// </summary>
internal sealed class PostgresBatchedGrainStorage(
    ExactKeyGrainStorage exactKey,
    PostgresStatementBatcher batcher,
    IGrainStorageSerializer serializer,
    string serviceId,
    PostgresStateWriteProjection? projection) : IGrainStorage
{
    private const string WriteQueryKey = OrleansContract.WriteToStorageKey;
    private const string ReadQueryKey = OrleansContract.ReadFromStorageKey;

    // The same write, failing the unit when the version is stale so the rows after it cannot commit without the state
    // (003-orleans-storage-queries.sql).
    internal const string WriteOrFailQueryKey = "WriteToStorageOrFailKey";

    private const string StaleVersionSqlState = "WA409";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        ReadStateAsync(stateName, grainId, grainState);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (RowKey(stateName, grainId) is not { } row)
        {
            await exactKey.ReadStateAsync(stateName, grainId, grainState);
            return;
        }

        var rows = await batcher.Read(await batcher.OrleansQueryText(ReadQueryKey), parameters => BindRow(parameters, row));

        // As the provider reads: no row is a new state with no ETag; a row whose payload was cleared is a new state, not
        // a stored one, that keeps the row's version as its ETag.
        var stored = rows.Count > 0 ? rows[0] : null;
        var payload = stored?[0] as byte[];
        grainState.State = payload is not null ? serializer.Deserialize<T>(new BinaryData(payload)) : Activator.CreateInstance<T>();
        grainState.ETag = stored?[1] is { } version ? Convert.ToInt32(version, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : null;
        grainState.RecordExists = payload is not null;
    }

    // A queued write is committed with its batch whether or not its caller still waits, and a caller that stopped
    // waiting would keep an ETag the row no longer has: like the AdoNet provider, writes are not cancellable.
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        WriteStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (RowKey(stateName, grainId) is not { } row)
        {
            await exactKey.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var payload = serializer.Serialize(grainState.State).ToArray();
        int? expected = string.IsNullOrWhiteSpace(grainState.ETag) ? null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var projected = projection is not null && grainState.State is IProjectedState { PendingProjection: { } pending }
            ? projection.Statements(pending)
            : null;
        var write = new PostgresStatement(await batcher.OrleansQueryText(projected is null ? WriteQueryKey : WriteOrFailQueryKey), parameters =>
        {
            BindRow(parameters, row);
            parameters.Add(new NpgsqlParameter { ParameterName = OrleansContract.GrainStateVersion, NpgsqlDbType = NpgsqlDbType.Integer, Value = expected is { } version ? version : DBNull.Value });
            parameters.Add(new NpgsqlParameter<byte[]> { ParameterName = OrleansContract.PayloadBinary, NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = payload });
        }, ReturnsRows: true);

        IReadOnlyList<object?[]> rows;
        try
        {
            rows = await batcher.Query(projected is null ? [write] : [write, .. projected]);
        }
        catch (PostgresException ex) when (ex.SqlState == StaleVersionSqlState)
        {
            throw StaleVersion(row, grainState.ETag);
        }

        if (rows.Count == 0 || rows[0][0] is not { } stored)
        {
            throw StaleVersion(row, grainState.ETag);
        }

        if (projected is not null)
        {
            var projectedState = (IProjectedState)grainState.State!;
            projection!.Committed(projectedState.PendingProjection!);
            projectedState.PendingProjection = null;
        }

        grainState.ETag = Convert.ToInt32(stored, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    private InconsistentStateException StaleVersion((string GrainType, string Key) row, string? etag) =>
        new($"Version conflict (WriteState): ServiceId={serviceId} GrainType={row.GrainType} GrainId={row.Key} ETag={etag}.", "Unknown", etag);

    // The row the provider keeps the state in: its grain type and, the exact-key id being a string key ('~' + key), the
    // key as the id's extension with both numeric parts 0. None for generic type names, which the provider rewrites
    // before keying a row by them: it reads and writes those rows itself.
    private static (string GrainType, string Key)? RowKey(string stateName, GrainId grainId)
    {
        var grainType = ExactKeyGrainStorage.StateName(stateName, grainId);
        return grainType.Contains('`', StringComparison.Ordinal) ? null : (grainType, ExactKeyGrainStorage.StorageId(grainId).Key.ToString());
    }

    private void BindRow(NpgsqlParameterCollection parameters, (string GrainType, string Key) row)
    {
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.ServiceId, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = serviceId });
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.GrainTypeString, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = row.GrainType });
        parameters.Add(new NpgsqlParameter<long> { ParameterName = OrleansContract.GrainIdN0, NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = 0 });
        parameters.Add(new NpgsqlParameter<long> { ParameterName = OrleansContract.GrainIdN1, NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = 0 });
        parameters.Add(new NpgsqlParameter<string> { ParameterName = OrleansContract.GrainIdExtensionString, NpgsqlDbType = NpgsqlDbType.Text, TypedValue = row.Key });
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        exactKey.ClearStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        exactKey.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
}
