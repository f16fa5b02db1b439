using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WealthActors.Employees;
using WealthActors.Grains.Diagnostics;

namespace WealthActors.Grains.Employees;

public sealed partial class EmployeeGrain
{
    /// <summary>The span of a message's hand-off to the chat channels (<see cref="WealthActorsTracing"/>).</summary>
    public const string PushSpanName = "inbox push";

    /// <summary>
    /// Hands a stored message to <paramref name="channels"/>. Channels only queue, so this never waits on a network; a
    /// channel that throws is logged and skipped, because the inbox (already written) is the source of truth.
    /// </summary>
    private void Push(InboxPush push, IEnumerable<IInboxPushChannel> channels)
    {
        // The hand-off is the last step of the trace that stored the message (a command's, an escalation's tick's);
        // the channels send on their own schedule.
        using var activity = WealthActorsTracing.Source.StartActivity(PushSpanName, ActivityKind.Producer);
        var queued = 0;
        foreach (var channel in channels)
        {
            try
            {
                queued += channel.TryPush(push) ? 1 : 0;
            }
            catch (Exception ex)
            {
                LogPushFailed(logger, ex, EmployeeId, push.Message.Key, channel.GetType().Name);
            }
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("wealthactors.inbox.kind", push.Message.Kind.ToString());
            activity.SetTag("wealthactors.push.reason", push.Reason.ToString());
            activity.SetTag("wealthactors.push.channels", queued);
        }
    }

    /// <summary>The name under which <paramref name="channel"/> will confirm <paramref name="push"/>, if it will.</summary>
    private string? ConfirmingChannel(IInboxPushChannel channel, InboxPush push)
    {
        try
        {
            return channel.ConfirmingChannel(push);
        }
        catch (Exception ex)
        {
            // A channel that cannot say is treated as one that does not carry the message; it still gets the push.
            LogPushFailed(logger, ex, EmployeeId, push.Message.Key, channel.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Keeps the channel-user index in step with the profile. Runs after the state write: a failure surfaces to the
    /// caller, and upserting the same profile again repairs the index, since binding is idempotent.
    /// </summary>
    private async Task IndexChannelIdentities(EmployeeProfile? previous, EmployeeProfile current)
    {
        await Reindex(ChannelIdentity.WeCom, previous?.WeComUserId, current.WeComUserId);
        await Reindex(ChannelIdentity.Teams, previous?.TeamsUserId, current.TeamsUserId);
    }

    private async Task Reindex(string channel, string? oldUserId, string? newUserId)
    {
        var oldKey = string.IsNullOrWhiteSpace(oldUserId) ? null : ChannelIdentity.Key(channel, oldUserId);
        var newKey = string.IsNullOrWhiteSpace(newUserId) ? null : ChannelIdentity.Key(channel, newUserId);
        if (oldKey is not null && oldKey != newKey)
        {
            await GrainFactory.GetGrain<IChannelIdentityGrain>(oldKey).Unbind(EmployeeId);
        }

        if (newKey is not null)
        {
            await GrainFactory.GetGrain<IChannelIdentityGrain>(newKey).Bind(EmployeeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Employee {EmployeeId}: push of {Key} to channel {Channel} failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string employeeId, string key, string channel);
}
