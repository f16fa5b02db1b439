using Microsoft.Extensions.Options;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>
/// Pushes every inbox message to employees who have a <c>teamsUserId</c>, as Adaptive Cards. Only queues: the
/// employee grain calls this inside its turn.
/// </summary>
public sealed class TeamsInboxPushChannel(TeamsOutbox outbox, IOptions<TeamsOptions> options) : IInboxPushChannel
{
    public bool TryPush(InboxPush push) => ConfirmingChannel(push) is not null && outbox.TryEnqueue(new TeamsPushJob(push));

    public string? ConfirmingChannel(InboxPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        var carries = options.Value.Enabled && push.Reason != InboxPushReason.Updated
            && push.Profile?.TeamsUserId is { Length: > 0 }
            && !push.Message.DeliveredVia.Contains(ChannelIdentity.Teams);
        return carries ? ChannelIdentity.Teams : null;
    }
}
