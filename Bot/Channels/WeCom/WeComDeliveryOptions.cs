using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>Configuration section <c>WeCom:Delivery</c>: how pushed messages are queued, paced and retried.</summary>
public sealed class WeComDeliveryOptions : ChatDeliveryOptions
{
    public const string Section = WeComOptions.Section + ":Delivery";

    /// <summary>
    /// WeCom drops what an app sends one member beyond 30 messages a minute, so the sender paces itself to stay within
    /// any minute, and coalesces a wave that exceeds it into summaries (see <see cref="Chat.PushCoalescing"/>).
    /// </summary>
    public int PerUserPerMinute { get; set; } = 30;
}
