using Microsoft.Extensions.Options;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>
/// Brings the schema up to date at the start of the silo lifecycle, before cluster membership (RuntimeGrainServices),
/// reminders and grain storage read their queries from <c>OrleansQuery</c>. With <c>Storage:MigrateOnStart=false</c>
/// (the schema is migrated by a deployment step) it only checks, and refuses to start on an outdated schema.
/// </summary>
internal sealed class PostgresSchemaBootstrap(PostgresDatabase database, IOptions<StorageOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaBootstrap), ServiceLifecycleStage.RuntimeInitialize, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await database.EnsureSchemaAsync(cancellationToken);
            return;
        }

        var pending = await database.PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database schema is not current ({string.Join(", ", pending.Select(s => s.Name))} not applied) and " +
                "Storage:MigrateOnStart is false: run 'dotnet run --project Silo -- migrate' first.");
        }
    }
}
