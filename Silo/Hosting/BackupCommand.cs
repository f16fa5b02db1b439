using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Hosting;

/// <summary>
/// <c>dotnet run --project Silo -- backup &lt;file&gt;</c>: an online, consistent copy of the embedded database, taken while
/// the Silo runs (see <see cref="SqliteBackup"/>). PostgreSQL is backed up with its own tools (README, Operations).
/// </summary>
public static class BackupCommand
{
    public const string Verb = "backup";

    public static async Task<int> Run(WebApplication app, IReadOnlyList<string> arguments)
    {
        if (arguments is not [var destination])
        {
            await Console.Error.WriteLineAsync("Usage: backup <file>   (the file must not exist yet)");
            return 2;
        }

        if (app.Services.GetService<PostgresDatabase>() is not null)
        {
            await Console.Error.WriteLineAsync("In PostgreSQL mode back up with pg_dump (see the README's Operations section); this command copies the embedded database.");
            return 2;
        }

        if (app.Services.GetService<SqliteDatabase>() is not { } database)
        {
            await Console.Error.WriteLineAsync("The configured storage keeps nothing on disk; there is nothing to back up.");
            return 2;
        }

        var target = Path.GetFullPath(destination);
        try
        {
            await SqliteBackup.Run(database.FilePath, target);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"backup: {ex.Message}");
            return 2;
        }

        Console.WriteLine($"Backed up {database.FilePath} to {target}.");
        Console.WriteLine($"Its sealed data opens only with the key file {KeyFile.BesideDatabase(database.FilePath)}: keep a copy of that file, apart from the backup.");
        return 0;
    }
}
