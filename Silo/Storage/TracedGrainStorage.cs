using System.Diagnostics;
using Orleans.Storage;
using WealthActors.Grains.Diagnostics;

namespace WealthActors.Silo.Storage;

/// <summary>
/// A span around each grain-state write, so a trace reaches the database: Orleans' own "write storage" span stops at
/// the storage provider, SQLite has no spans at all, and on PostgreSQL a write waits in a batch shared with other
/// grains (<see cref="Postgres.PostgresStatementBatcher"/>), whose statement belongs to one trace only.
/// </summary>
/// <remarks>
/// Reads and clears pass straight through. Without a listener a write costs one check and one extra call.
/// </remarks>
internal sealed class TracedGrainStorage(IGrainStorage inner, string databaseSystem) : IGrainStorage
{
    /// <summary>The span's name: the operation on the table Orleans keeps grain state in.</summary>
    public const string WriteSpanName = "write OrleansStorage";

    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WealthActorsTracing.Source.HasListeners()
            ? Traced(stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        WealthActorsTracing.Source.HasListeners()
            ? Traced(stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken))
            : inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);

    // An async method, so the span is the current activity only for the write it wraps and the caller's is restored.
    // Attributes as OpenTelemetry's database conventions name them; the grain type and state name say which row,
    // without the key (a client's or an employee's id).
    private async Task Traced(string stateName, GrainId grainId, Func<Task> write)
    {
        using var activity = WealthActorsTracing.Source.StartActivity(WriteSpanName, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", databaseSystem);
            activity.SetTag("db.operation.name", "write");
            activity.SetTag("db.collection.name", "OrleansStorage");
            activity.SetTag("wealthactors.grain.type", grainId.Type.ToString());
            activity.SetTag("wealthactors.state.name", stateName);
        }

        try
        {
            await write();
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
