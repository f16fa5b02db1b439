using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Hosting;

/// <summary><c>dotnet run --project Silo -- migrate</c>: applies the schema scripts to the configured database and exits.</summary>
public static class SchemaCommand
{
    public const string Verb = "migrate";

    public static async Task<int> Run(WebApplication app)
    {
        if (app.Services.GetService<PostgresDatabase>() is { } postgres)
        {
            var applied = await postgres.MigrateAsync();
            Console.WriteLine(applied.Count == 0
                ? "PostgreSQL schema is up to date."
                : $"PostgreSQL schema migrated: {string.Join(", ", applied.Select(s => s.Name))}.");
            return 0;
        }

        if (app.Services.GetService<SqliteDatabase>() is { } database)
        {
            await database.EnsureSchemaAsync();
            Console.WriteLine($"Schema of {database.FilePath} is up to date.");
            return 0;
        }

        Console.WriteLine("The configured storage keeps no schema; nothing to migrate.");
        return 0;
    }
}
