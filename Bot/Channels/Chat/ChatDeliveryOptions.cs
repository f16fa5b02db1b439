namespace WealthActors.Bot.Channels.Chat;

/// <summary>
/// How often a channel's outbox comes back to a job the service asked to wait for, and how much it queues; each channel
/// binds its own section. Transient HTTP failures are retried by the transport, not here (see <see cref="ChatHttpResilience"/>).
/// </summary>
public abstract class ChatDeliveryOptions
{
    /// <summary>Sends per message, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Least wait before the first send again; each further one waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages waiting to be sent; beyond this, new ones are dropped (the inbox still has them).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The failures of the settings every channel shares, named under <paramref name="prefix"/>.</summary>
    public IEnumerable<string> CommonFailures(string prefix)
    {
        if (MaxAttempts is < 1 or > 20)
        {
            yield return $"{prefix}MaxAttempts must be between 1 and 20";
        }

        if (FirstRetryDelay <= TimeSpan.Zero || FirstRetryDelay > TimeSpan.FromMinutes(10))
        {
            yield return $"{prefix}FirstRetryDelay must be positive and at most 00:10:00";
        }

        if (QueueCapacity is < 1 or > 1_000_000)
        {
            yield return $"{prefix}QueueCapacity must be between 1 and 1000000";
        }
    }
}
