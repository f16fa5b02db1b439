namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>Configuration section <c>Teams:Delivery</c>: how pushed messages and replies are queued and retried.</summary>
public sealed class TeamsDeliveryOptions
{
    public const string Section = TeamsOptions.Section + ":Delivery";

    /// <summary>
    /// Attempts per message, the first included. Each attempt is itself up to four Connector calls (the client retries
    /// 429, 412 and 5xx answers), so these cover outages longer than a few seconds.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages waiting to be sent; beyond this, new ones are dropped (the inbox still has them).</summary>
    public int QueueCapacity { get; set; } = 10_000;
}
