namespace WealthActors.Bot.Channels.WeCom;

/// <summary>Configuration section <c>WeCom:Delivery</c>: how pushed messages are queued, paced and retried.</summary>
public sealed class WeComDeliveryOptions
{
    public const string Section = WeComOptions.Section + ":Delivery";

    /// <summary>Attempts per message, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>WeCom drops what an app sends one member beyond 30 messages a minute, so the sender paces itself.</summary>
    public int PerUserPerMinute { get; set; } = 30;

    /// <summary>Messages waiting to be sent; beyond this, new ones are dropped (the inbox still has them).</summary>
    public int QueueCapacity { get; set; } = 10_000;
}
