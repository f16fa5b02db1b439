using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// <c>dotnet run --project Silo -- reseal</c>: seals every stored payload with the current key (README, "Personal data
/// at rest": retiring a key) and says how many it changed. Safe beside running silos.
/// </summary>
public static class ResealCommand
{
    public const string Verb = "reseal";

    public static async Task<int> Run(WebApplication app)
    {
        var sealer = app.Services.GetService<PayloadSealer>();
        if (sealer is null)
        {
            Console.WriteLine("The configured storage keeps nothing at rest; nothing to reseal.");
            return 0;
        }

        System.Data.Common.DbDataSource dataSource;
        string place;
        if (app.Services.GetService<PostgresDatabase>() is { } postgres)
        {
            var pending = await postgres.PendingAsync();
            if (pending.Count > 0)
            {
                await Console.Error.WriteLineAsync($"The database schema is not current ({string.Join(", ", pending.Select(s => s.Name))}): run 'migrate' first.");
                return 1;
            }

            dataSource = postgres.DataSource;
            place = "the PostgreSQL database";
        }
        else
        {
            var sqlite = app.Services.GetRequiredService<SqliteDatabase>();
            await sqlite.EnsureSchemaAsync();
            dataSource = sqlite.WriteDataSource;
            place = sqlite.FilePath;
        }

        // Birthdays a release before sealing left in clear are sealed first, as a starting silo would.
        var clearBirthdays = await app.Services.GetRequiredService<IClearBirthdaySealing>().SealClearBirthdays(CancellationToken.None);
        var result = await new Resealer(sealer).Run(dataSource, CancellationToken.None);
        if (result.StatesWerePlain > 0 && app.Services.GetService<SqliteDatabase>() is { } file)
        {
            await Vacuum(file);
        }

        var key = sealer.Ring.Current;
        Console.WriteLine(
            $"Resealed {result.StatesResealed} of {result.States} grain states ({result.StatesWerePlain} from before sealing) and " +
            $"{result.BirthdaysResealed + clearBirthdays} of {result.Birthdays} birthdays in {place} with key '{key.Id}' ({SealingAlgorithms.Name(key.Algorithm)}).");
        Console.WriteLine($"Resealed {result.NotesResealed} of {result.Notes} interaction notes.");
        return 0;
    }

    // The clear bytes an update replaces stay on free pages and in the log until the file is rebuilt.
    private static async Task Vacuum(SqliteDatabase database)
    {
        await using var connection = await database.WriteDataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }
}
