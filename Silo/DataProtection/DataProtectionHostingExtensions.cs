using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// The key ring and the sealer for the durable storage modes (docs/ARCHITECTURE.md §5.6): options from
/// <c>Security:DataProtection</c>, validated on start; the ring built once, from configuration and the key file.
/// </summary>
public static partial class DataProtectionHostingExtensions
{
    public static IServiceCollection AddWealthActorsDataProtection(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, StorageProvider provider)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(PayloadSealer)))
        {
            return services;
        }

        services.AddSingleton<IValidateOptions<DataProtectionOptions>>(new DataProtectionOptionsValidator(provider));
        services.AddOptions<DataProtectionOptions>().Bind(configuration.GetSection(DataProtectionOptions.Section)).ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var built = KeyRingBuilder.Build(
                sp.GetRequiredService<IOptions<DataProtectionOptions>>().Value,
                provider,
                environment.ContentRootPath,
                sp.GetService<SqliteDatabase>()?.FilePath,
                TimeProvider.System.GetUtcNow());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataProtectionHostingExtensions).FullName!);
            if (built.KeyFileCreated)
            {
                LogKeyFileCreated(logger, built.KeyFile!);
            }

            var current = built.Ring.Current;
            LogRing(logger, built.Ring.Keys.Count, current.Id, SealingAlgorithms.Name(current.Algorithm));
            return built.Ring;
        });
        services.AddSingleton(sp => new PayloadSealer(sp.GetRequiredService<KeyRing>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, KeyRingStartup>();
        AddSessionKeys(services, provider);
        return services;
    }

    /// <summary>
    /// The keys of the Silo's cookies (sign-in sessions) live in the database, sealed with the ring, so that every silo
    /// of a cluster honours a session any of them opened, and a restart signs no one out.
    /// </summary>
    private static void AddSessionKeys(IServiceCollection services, StorageProvider provider)
    {
        services.AddDataProtection().SetApplicationName("WealthActors");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            o.XmlRepository = provider == StorageProvider.PostgreSql
                ? Repository(sp.GetRequiredService<PostgresDatabase>())
                : Repository(sp.GetRequiredService<SqliteDatabase>());
            o.XmlEncryptor = new SealedXmlEncryptor(sp.GetRequiredService<PayloadSealer>());
        });
    }

    // PostgreSQL's schema is the silo's to apply or check as it starts (Storage:MigrateOnStart), never a side effect of
    // reading a key; the embedded SQLite file always brings its own schema up to date.
    private static DatabaseXmlRepository Repository(PostgresDatabase database) => new(database.DataSource, () => Task.CompletedTask);

    private static DatabaseXmlRepository Repository(SqliteDatabase database) => new(database.WriteDataSource, () => database.EnsureSchemaAsync());

    /// <summary>The grain-state serializer of the durable modes: the Orleans binary serializer's bytes, sealed.</summary>
    internal static IGrainStorageSerializer SealingSerializer(IServiceProvider services) =>
        new SealingGrainStorageSerializer(
            ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services),
            services.GetRequiredService<PayloadSealer>());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Made a new key file {KeyFile} for sealing personal data at rest: back it up with the database, which cannot be read without it")]
    private static partial void LogKeyFileCreated(ILogger logger, string keyFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data at rest is sealed with key {KeyId} ({Algorithm}); the key ring holds {KeyCount} keys")]
    private static partial void LogRing(ILogger logger, int keyCount, string keyId, string algorithm);

    /// <summary>
    /// Builds the ring as the silo starts, so a missing, unreadable or unprotected key file stops the start with its
    /// reason instead of failing the first grain that writes.
    /// </summary>
    private sealed class KeyRingStartup(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(KeyRingStartup), ServiceLifecycleStage.First, _ =>
            {
                services.GetRequiredService<PayloadSealer>();
                return Task.CompletedTask;
            });
    }
}
