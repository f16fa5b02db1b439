namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// Applies the schema at the start of the silo lifecycle, before grain storage (ApplicationServices) and the
/// reminder service (RuntimeGrainServices) read their queries from <c>OrleansQuery</c>.
/// </summary>
internal sealed class SqliteSchemaBootstrap(SqliteDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteSchemaBootstrap), ServiceLifecycleStage.RuntimeInitialize, database.EnsureSchemaAsync);
}
