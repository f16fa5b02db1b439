using WealthActors.Bot.Channels.Chat;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Storage.Deliveries;

public static class DeliveryDeduplicationHostingExtensions
{
    /// <summary>
    /// Chat delivery keys where the silo keeps its state: the SQLite file or the PostgreSQL database (shared by every
    /// silo), or this process's memory in the memory mode. Registered before the bot, which otherwise keeps them in
    /// memory. Keys expire on the wall clock, as the channels' signatures and tokens do.
    /// </summary>
    public static IServiceCollection AddWealthActorsDeliveryDeduplication(this IServiceCollection services, IConfiguration configuration)
    {
        switch (StorageOptions.From(configuration).Provider)
        {
            case StorageProvider.PostgreSql:
                services.AddSingleton<IDeliveryDeduplication>(sp => new PostgresDeliveryDeduplication(sp.GetRequiredService<PostgresDatabase>(), TimeProvider.System));
                break;
            case StorageProvider.Sqlite:
                services.AddSingleton<IDeliveryDeduplication>(sp => new SqliteDeliveryDeduplication(sp.GetRequiredService<SqliteDatabase>(), TimeProvider.System));
                break;
            default:
                services.AddSingleton<IDeliveryDeduplication>(_ => new MemoryDeliveryDeduplication(TimeProvider.System));
                break;
        }

        return services;
    }
}
