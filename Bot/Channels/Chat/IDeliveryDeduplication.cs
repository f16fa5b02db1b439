namespace WealthActors.Bot.Channels.Chat;

/// <summary>
/// Which chat deliveries (a WeCom callback, a Teams activity) were already acted on. WeCom retries a slow callback
/// and a captured request can be sent again while its signature or token is still valid; either must run its
/// command once, whichever silo it reaches and however often the Silo restarted in between. The Silo keeps the keys
/// in its database; <see cref="MemoryDeliveryDeduplication"/> serves a single process without one.
/// </summary>
public interface IDeliveryDeduplication
{
    /// <summary>
    /// Records <paramref name="key"/> as seen until <paramref name="expiresAt"/>. True the first time, and again once
    /// an earlier record has expired; false while the key is remembered (a retry or a replay).
    /// </summary>
    Task<bool> TryRecordFirstAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Forgets a delivery whose handling failed, so that the sender's retry is processed instead of dropped.</summary>
    Task ForgetAsync(string key, CancellationToken cancellationToken = default);
}
