using WealthActors.Bot.Channels.Chat;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Storage.Deliveries;

/// <summary>Chat delivery keys in the embedded SQLite file (<c>wa_seen_deliveries</c>), so a restart forgets none.</summary>
internal sealed class SqliteDeliveryDeduplication(SqliteDatabase database, TimeProvider clock) : IDeliveryDeduplication
{
    // An existing key is replaced only when it has expired; the statement changes a row exactly when this is the first time.
    private const string RecordSql = """
        INSERT INTO wa_seen_deliveries (delivery_key, expires_at) VALUES (@key, @expires_at)
        ON CONFLICT (delivery_key) DO UPDATE SET expires_at = excluded.expires_at WHERE wa_seen_deliveries.expires_at <= @now;
        """;

    private const string ForgetSql = "DELETE FROM wa_seen_deliveries WHERE delivery_key = @key;";

    private const string PurgeSql = "DELETE FROM wa_seen_deliveries WHERE expires_at <= @now;";

    private readonly DeliveryKeyPurge _purge = new(clock);

    public async Task<bool> TryRecordFirstAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await database.EnsureSchemaAsync(cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenWriteAsync(cancellationToken);
        if (_purge.IsDue())
        {
            await ExecuteAsync(connection, PurgeSql, ("@now", now));
        }

        return await ExecuteAsync(connection, RecordSql, ("@key", key), ("@expires_at", expiresAt.ToUnixTimeMilliseconds()), ("@now", now)) == 1;
    }

    public async Task ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        await using var connection = await database.OpenWriteAsync(cancellationToken);
        await ExecuteAsync(connection, ForgetSql, ("@key", key));
    }

    private static async Task<int> ExecuteAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
