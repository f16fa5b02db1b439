namespace WealthActors.Bot.Channels.Chat;

/// <summary>How a channel's outbox retries and how much it queues; each channel binds its own section.</summary>
public abstract class ChatDeliveryOptions
{
    /// <summary>Attempts per message, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
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
