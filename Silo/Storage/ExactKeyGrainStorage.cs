using Orleans.Storage;

namespace WealthActors.Silo.Storage;

/// <summary>
/// Gives every grain its own row in Orleans' AdoNet grain storage.
/// </summary>
/// <remarks>
/// The AdoNet provider keys a row by the state name and the grain key only: the grain type is dropped, so a
/// client and an employee with the same id and the same state name ("state") would share a row. It also reads
/// any key that parses as hexadecimal ("C000123", "c000123", "0C000123") as one 64-bit integer key, so distinct
/// string keys can collide. This decorator puts the grain type into the state name and prefixes the key with a
/// character that is neither hexadecimal nor part of a GUID, so the provider stores the exact key string.
/// </remarks>
internal sealed class ExactKeyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    // '~' cannot start a hexadecimal number or a GUID, so the provider keeps the key as a string.
    private const string KeyPrefix = "~";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(StateName(stateName, grainId), StorageId(grainId), grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(StateName(stateName, grainId), StorageId(grainId), grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(StateName(stateName, grainId), StorageId(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.WriteStateAsync(StateName(stateName, grainId), StorageId(grainId), grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(StateName(stateName, grainId), StorageId(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(StateName(stateName, grainId), StorageId(grainId), grainState, cancellationToken);

    // Grain type names cannot contain '/', so "type/state" is unambiguous.
    internal static string StateName(string stateName, GrainId grainId) => $"{grainId.Type}/{stateName}";

    internal static GrainId StorageId(GrainId grainId) => GrainId.Create(grainId.Type, KeyPrefix + grainId.Key.ToString());
}
