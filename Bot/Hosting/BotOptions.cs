namespace WealthActors.Bot.Hosting;

/// <summary>Configuration section <c>Bot</c>.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>
    /// How long a chat callback waits for the answer before it replies later instead. WeCom gives up on a callback
    /// after 5 seconds and retries it, so a slow command must never hold the answer that long.
    /// </summary>
    public TimeSpan PassiveReplyBudget { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// Commands one WeCom or Teams user may send in a burst, refilled evenly over a minute (so also the sustained rate
    /// per minute). A person types a few a minute; the default leaves room for a busy one and stops a flood.
    /// </summary>
    public int CommandsPerMinute { get; set; } = 60;
}
