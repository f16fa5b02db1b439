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
    public bool TryPush(InboxPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        if (!options.Value.Enabled || push.Reason != InboxPushReason.Delivered
            || push.Profile?.WeComUserId is not { Length: > 0 } userId || !InboxCards.IsActionable(push.Message))
        {
            return false;
        }

        return outbox.TryEnqueue(new WeComPushJob(userId, push));
    }
}
