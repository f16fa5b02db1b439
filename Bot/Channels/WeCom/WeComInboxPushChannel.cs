using Microsoft.Extensions.Options;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Pushes escalations and warnings to employees who have a WeCom UserID, as button cards. Only queues: the
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
            && push.Profile?.WeComUserId is { Length: > 0 } && InboxCards.IsActionable(push.Message)
            && !push.Message.DeliveredVia.Contains(ChannelIdentity.WeCom);
        return carries ? ChannelIdentity.WeCom : null;
    }
}
