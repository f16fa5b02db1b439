using Microsoft.Data.Sqlite;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// An online backup of the embedded database: SQLite's backup API copies every page under one read transaction, so
/// the copy is the database as of one instant, however many writes the running Silo makes meanwhile (in WAL mode a
/// reader blocks no writer). Grain state and personal data in it stay sealed; they open only with the key file.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies <paramref name="database"/> to <paramref name="destination"/>, which must not exist yet.</summary>
    public static async Task Run(string database, string destination, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(database))
        {
            throw new FileNotFoundException($"There is no database at {database}.", database);
        }

        if (File.Exists(destination))
        {
            throw new IOException($"{destination} exists already; a backup never overwrites a file.");
        }

        var partial = destination + ".partial";
        File.Delete(partial);
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await source.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
        }

        // Under its final name only once whole: an interrupted backup never looks like a good one.
        File.Move(partial, destination);
    }
}
