using Microsoft.Extensions.Options;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Pushes every inbox message to employees who have a WeCom UserID: as a button card where there is something to do, as text otherwise. Only queues: the
/// employee grain calls this inside its turn.
/// </summary>
public sealed class WeComInboxPushChannel(WeComOutbox outbox, IOptions<WeComOptions> options) : IInboxPushChannel
{
    public bool TryPush(InboxPush push) =>
        ConfirmingChannel(push) is not null && outbox.TryEnqueue(new WeComPushJob(push.Profile!.WeComUserId!, push));

    public string? ConfirmingChannel(InboxPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        var carries = options.Value.Enabled && push.Reason != InboxPushReason.Updated
            && push.Profile?.WeComUserId is { Length: > 0 }
            && !push.Message.DeliveredVia.Contains(ChannelIdentity.WeCom);
        return carries ? ChannelIdentity.WeCom : null;
    }
}
