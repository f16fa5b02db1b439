using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>
/// Grain state on PostgreSQL: reads and clears go through Orleans' AdoNet provider (behind the exact-key decorator),
/// writes run the provider's own <c>WriteToStorageKey</c> statement in a batch shared with other grains' writes
/// (<see cref="PostgresStatementBatcher"/>). The row, the payload and the ETag rules are the provider's: a stale ETag
/// still fails with <see cref="InconsistentStateException"/> and leaves the stored state alone.
/// </summary>
internal sealed class PostgresBatchedGrainStorage(
    ExactKeyGrainStorage exactKey,
    PostgresStatementBatcher batcher,
    IGrainStorageSerializer serializer,
    string serviceId) : IGrainStorage
{
    private const string WriteQueryKey = "WriteToStorageKey";

    private static readonly string[] WriteParameters =
        ["ServiceId", "GrainTypeString", "GrainIdN0", "GrainIdN1", "GrainIdExtensionString", "GrainStateVersion", "PayloadBinary"];

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        exactKey.ReadStateAsync(stateName, grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        exactKey.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    // A queued write is committed with its batch whether or not its caller still waits, and a caller that stopped
    // waiting would keep an ETag the row no longer has: like the AdoNet provider, writes are not cancellable.
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        WriteStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grainType = ExactKeyGrainStorage.StateName(stateName, grainId);
        if (grainType.Contains('`', StringComparison.Ordinal))
        {
            // The provider rewrites generic type names before keying a row by them; let it do that itself.
            await exactKey.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        // The exact-key id is a string key ('~' + key), which the provider stores with both numeric parts 0.
        var key = ExactKeyGrainStorage.StorageId(grainId).Key.ToString();
        var payload = serializer.Serialize(grainState.State).ToArray();
        int? expected = string.IsNullOrWhiteSpace(grainState.ETag) ? null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var rows = await batcher.Query(await batcher.OrleansQueryText(WriteQueryKey, WriteParameters), parameters =>
        {
            parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = serviceId });
            parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainType });
            parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = 0 });
            parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = 0 });
            parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = key });
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = expected is { } version ? version : DBNull.Value });
            parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = payload });
        });

        if (rows.Count == 0 || rows[0][0] is not { } stored)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} GrainType={grainType} GrainId={key} ETag={grainState.ETag}.",
                "Unknown", grainState.ETag);
        }

        grainState.ETag = Convert.ToInt32(stored, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        exactKey.ClearStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        exactKey.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
}
