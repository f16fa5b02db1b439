using System.Data.Common;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.Sqlite;
using WealthActors.Suitability;

namespace WealthActors.Silo.Suitability;

public static class SuitabilityHostingExtensions
{
    /// <summary>The register and the evidence index where the silo keeps its state, and the evidence folder.</summary>
    public static WebApplicationBuilder AddWealthActorsSuitability(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EvidenceOptions>().Bind(builder.Configuration.GetSection(EvidenceOptions.Section))
            .Validate(o => o.MaxFileBytes >= 1024, "Evidence:MaxFileBytes must be at least 1024")
            .Validate(o => o.RetentionYears >= 1, "Evidence:RetentionYears must be at least 1")
            .ValidateOnStart();
        services.AddSingleton<EvidenceStore>();
        switch (StorageOptions.From(builder.Configuration).Provider)
        {
            case StorageProvider.PostgreSql:
                services.AddSingleton(sp =>
                {
                    var database = sp.GetRequiredService<PostgresDatabase>();
                    async Task<DbConnection> Open(CancellationToken ct) => await database.DataSource.OpenConnectionAsync(ct);
                    return new SuitabilitySql(Open, Open);
                });
                break;
            case StorageProvider.Sqlite:
                services.AddSingleton(sp =>
                {
                    var database = sp.GetRequiredService<SqliteDatabase>();
                    return new SuitabilitySql(
                        async ct =>
                        {
                            await database.EnsureSchemaAsync(ct);
                            return await database.OpenWriteAsync(ct);
                        },
                        async ct =>
                        {
                            await database.EnsureSchemaAsync(ct);
                            return database.OpenRead();
                        });
                });
                break;
        }

        if (StorageOptions.From(builder.Configuration).Provider is StorageProvider.PostgreSql or StorageProvider.Sqlite)
        {
            services.AddSingleton<ISuitabilityRegister>(sp => sp.GetRequiredService<SuitabilitySql>());
            services.AddSingleton<IEvidenceIndex>(sp => sp.GetRequiredService<SuitabilitySql>());
        }
        else
        {
            services.AddSingleton<IEvidenceIndex, InMemoryEvidenceIndex>();
        }

        return builder;
    }
}
