using WealthActors.Silo.Storage;

namespace WealthActors.Silo.Hosting;

/// <summary><c>dotnet run --project Silo -- migrate</c>: applies the schema scripts and exits.</summary>
public static class SchemaCommand
{
    public static async Task<int> Run(IConfiguration configuration, IHostEnvironment environment)
    {
        var applied = await SchemaMigrator.MigrateAsync(configuration, environment);
        Console.WriteLine($"Schema up to date ({applied} script(s) applied).");
        return 0;
    }
}
