using Npgsql;
using WealthActors.Bot.Channels.Chat;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Storage.Deliveries;

/// <summary>
/// Chat delivery keys in the cluster's PostgreSQL database (<c>wa_seen_deliveries</c>): every silo asks the same
/// table, so a delivery replayed to another silo, or after a restart, is recognised. Two silos recording the same key
/// at once meet at its primary key: one inserts, the other waits for that commit and finds the key taken.
/// </summary>
internal sealed class PostgresDeliveryDeduplication(PostgresDatabase database, TimeProvider clock) : IDeliveryDeduplication
{
    private const string RecordSql = """
        INSERT INTO wa_seen_deliveries (delivery_key, expires_at) VALUES (@key, @expires_at)
        ON CONFLICT (delivery_key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE wa_seen_deliveries.expires_at <= @now
        """;

    private const string ForgetSql = "DELETE FROM wa_seen_deliveries WHERE delivery_key = @key";

    private const string PurgeSql = "DELETE FROM wa_seen_deliveries WHERE expires_at <= @now";

    private readonly DeliveryKeyPurge _purge = new(clock);

    public async Task<bool> TryRecordFirstAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = clock.GetUtcNow();
        if (_purge.IsDue())
        {
            await ExecuteAsync(PurgeSql, cancellationToken, ("now", now));
        }

        return await ExecuteAsync(RecordSql, cancellationToken, ("key", key), ("expires_at", expiresAt.ToUniversalTime()), ("now", now)) == 1;
    }

    public async Task ForgetAsync(string key, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(ForgetSql, cancellationToken, ("key", key));

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
