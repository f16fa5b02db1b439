using System.Data.Common;

namespace WealthActors.Silo.Storage;

public sealed class PostgresSchemaDialect : ISchemaDialect
{
    // An arbitrary constant that names "this schema is being migrated" among the database's advisory locks.
    private const long MigrationLockKey = 0x57_41_53_43_48_45_4D_41; // "WASCHEMA"

    public string Name => "postgres";

    /// <summary>
    /// Takes a session advisory lock, so silos that start together migrate one after another: the later ones wait
    /// and then find every script applied. The lock ends with the session; the caller's connection must therefore
    /// not return to a pool (see <see cref="Postgres.PostgresDatabase"/>).
    /// </summary>
    public async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SET client_min_messages = warning; SELECT pg_advisory_lock({MigrationLockKey});";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
