using System.Data.Common;

namespace WealthActors.Silo.Storage;

public sealed class SqliteSchemaDialect : ISchemaDialect
{
    public string Name => "sqlite";

    public async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file and persists, so setting it once here covers every later connection.
        // Readers then never block the writer, and a commit needs no fsync under synchronous=NORMAL.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"SQLite kept journal mode '{mode}' instead of WAL; the database must be on a local file system.");
        }
    }
}
