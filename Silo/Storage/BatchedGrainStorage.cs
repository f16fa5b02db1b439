using System.Globalization;
using Orleans.Storage;
using WealthActors.Grains.ReadModel;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Storage;

/// <summary>
/// Grain state written in batches shared with other grains' writes, on the AdoNet provider's own rows and statements
/// (<c>ReadFromStorageKey</c>, <c>WriteToStorageKey</c>); clears go through the provider itself (behind the exact-key
/// decorator). What is the same on every database is here: the row a state lives in, the payload, the ETag rules (a
/// stale ETag fails with <see cref="InconsistentStateException"/> and leaves the stored state alone; a read answers as
/// the provider's does) and the read-model row a state carries (<see cref="IProjectedState"/>), written in the state's
/// own unit when <paramref name="projection"/> is given (the read model is in this database) and left to the grain
/// otherwise. How a row is read and how a unit is batched and committed is each database's.
/// </summary>
internal abstract class BatchedGrainStorage(
    ExactKeyGrainStorage exactKey,
    IGrainStorageSerializer serializer,
    string serviceId,
    StateWriteProjection? projection,
    IStateWriteAudit? audit) : IGrainStorage
{
    /// <summary>The row the provider keeps a state in: its grain type and its key (the exact-key id's extension).</summary>
    protected readonly record struct StateRow(string GrainType, string Key);

    protected string ServiceId => serviceId;

    /// <summary>The stored payload (null when the row was cleared) and version of <paramref name="row"/>; both null without a row.</summary>
    protected abstract Task<(byte[]? Payload, int? Version)> ReadRow(StateRow row);

    /// <summary>
    /// Writes <paramref name="payload"/> over the version <paramref name="expected"/> (null: a first write), with the
    /// statements in <paramref name="projected"/> and the audit entry <paramref name="audit"/> in the same unit. The new
    /// version, or null when the version was stale, in which case nothing of the unit was kept.
    /// </summary>
    protected abstract Task<int?> WriteRow(StateRow row, int? expected, byte[] payload, ReadModelWrite[]? projected, StateWriteEntry? audit);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        ReadStateAsync(stateName, grainId, grainState);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (RowOf(stateName, grainId) is not { } row)
        {
            await exactKey.ReadStateAsync(stateName, grainId, grainState);
            return;
        }

        // As the provider reads: no row is a new state with no ETag; a row whose payload was cleared is a new state, not
        // a stored one, that keeps the row's version as its ETag.
        var (payload, version) = await ReadRow(row);
        grainState.State = payload is not null ? serializer.Deserialize<T>(new BinaryData(payload)) : Activator.CreateInstance<T>();
        grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    // A queued write is committed with its batch whether or not its caller still waits, and a caller that stopped
    // waiting would keep an ETag the row no longer has: like the AdoNet provider, writes are not cancellable.
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        WriteStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (RowOf(stateName, grainId) is not { } row)
        {
            await exactKey.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var payload = serializer.Serialize(grainState.State).ToArray();
        int? expected = string.IsNullOrWhiteSpace(grainState.ETag) ? null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var pending = projection is not null && grainState.State is IProjectedState { PendingProjection: { } pendingRow } ? pendingRow : null;
        var statements = pending is null ? null : projection!.Statements(pending);
        // The audit entry of the request this write serves, when it is the request's first: committed with the write.
        var entry = audit?.Claim(grainId);
        int? stored;
        try
        {
            stored = await WriteRow(row, expected, payload, statements, entry);
        }
        catch
        {
            entry?.Done(false);
            throw;
        }

        entry?.Done(stored is not null);
        if (stored is not { } version)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} GrainType={row.GrainType} GrainId={row.Key} ETag={grainState.ETag}.", "Unknown", grainState.ETag);
        }

        if (pending is not null)
        {
            projection!.Committed(pending);
            ((IProjectedState)grainState.State!).PendingProjection = null;
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        exactKey.ClearStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        exactKey.ClearStateAsync(stateName, grainId, grainState, cancellationToken);

    // The exact-key id being a string key ('~' + key), the row is keyed by the id's extension with both numeric parts 0.
    // None for generic type names, which the provider rewrites before keying a row by them: it reads and writes those
    // rows itself.
    private static StateRow? RowOf(string stateName, GrainId grainId)
    {
        var grainType = ExactKeyGrainStorage.StateName(stateName, grainId);
        return grainType.Contains('`', StringComparison.Ordinal) ? null : new StateRow(grainType, ExactKeyGrainStorage.StorageId(grainId).Key.ToString());
    }
}
