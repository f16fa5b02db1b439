using Microsoft.Extensions.Logging;
using WealthActors.Employees;

namespace WealthActors.Grains.Employees;

/// <summary>
/// Chat pushes that survive a crash. Channels queue pushes in memory, so a push can vanish with the process between
/// the inbox write and the send. The inbox write therefore records which channels owe a confirmation
/// (<see cref="IInboxPushChannel.ConfirmingChannel"/>); <see cref="MarkDelivered"/> settles them. Whatever is still
/// owed is handed over again on activation and, with backoff (<see cref="PushRetry"/>), on a reminder that exists
/// only while something is owed, so even an employee nobody calls is re-activated after a restart.
/// </summary>
public sealed partial class EmployeeGrain
{
    private const string PushRetryReminder = "inbox-push-retry";

    // Whether this activation knows the reminder to be registered; a stale "false" only costs an idempotent update.
    private bool _pushRetryArmed;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.PendingPushes.Count == 0)
        {
            return;
        }

        // Whatever this process queued before it stopped is gone: hand everything owed over again, once.
        try
        {
            await RetryPending(everything: true);
        }
        catch (Exception ex)
        {
            // Activation must not fail over a chat push; the reminder tries again.
            LogRetryFailed(logger, ex, EmployeeId);
        }

        await ArmPushRetry();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != PushRetryReminder)
        {
            return;
        }

        _pushRetryArmed = true;
        await RetryPending(everything: false);
        if (state.State.PendingPushes.Count == 0 && await this.GetReminder(PushRetryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            _pushRetryArmed = false;
            // A delivery that interleaved with the unregistration may owe a push and found the reminder still armed.
            await ArmPushRetry();
        }
    }

    /// <summary>Records the channels that will confirm <paramref name="push"/>; true when there is any.</summary>
    private bool RecordPending(InboxPush push)
    {
        var owed = pushChannels.Select(c => ConfirmingChannel(c, push)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (owed.Count == 0)
        {
            return false;
        }

        state.State.PendingPushes.Add(new PendingPush
        {
            MessageId = push.Message.Id,
            Channels = owed,
            Attempts = 1,
            LastAttemptAt = clock.GetUtcNow(),
        });
        return true;
    }

    /// <summary>Settles <paramref name="channel"/>'s debt for the message; true when there was one.</summary>
    private bool ClearPending(string messageId, string channel)
    {
        var pending = state.State.PendingPushes;
        var index = pending.FindIndex(p => p.MessageId == messageId);
        if (index < 0 || !pending[index].Channels.Remove(channel))
        {
            return false;
        }

        if (pending[index].Channels.Count == 0)
        {
            pending.RemoveAt(index);
        }

        return true;
    }

    /// <summary>A message that left the recent window can no longer be confirmed, so it is no longer owed.</summary>
    private void ForgetPendingOfEvicted()
    {
        var recent = state.State.Recent.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        state.State.PendingPushes.RemoveAll(p => !recent.Contains(p.MessageId));
    }

    /// <summary>
    /// Hands owed messages to the channels that owe them: all of them (<paramref name="everything"/>, on activation)
    /// or those whose backoff has passed. The attempt is counted in state before the hand-over, so a crash loop cannot
    /// exceed <see cref="PushRetry.MaxAttempts"/>; entries that are exhausted, evicted or no longer claimed by any
    /// registered channel (switched off, or already carried) are dropped.
    /// </summary>
    private async Task RetryPending(bool everything)
    {
        var now = clock.GetUtcNow();
        var pending = state.State.PendingPushes;
        var handOvers = new List<(InboxPush Push, List<IInboxPushChannel> Channels)>();
        var changed = false;
        foreach (var entry in pending.ToList())
        {
            if (!everything && !PushRetry.IsDue(entry, now))
            {
                continue;
            }

            changed = true;
            var message = state.State.Recent.Find(m => m.Id == entry.MessageId);
            if (message is null || PushRetry.IsExhausted(entry))
            {
                LogGaveUpRetrying(logger, EmployeeId, entry.MessageId, string.Join(',', entry.Channels), entry.Attempts);
                pending.Remove(entry);
                continue;
            }

            var push = new InboxPush(EmployeeId, state.State.Profile, message, InboxPushReason.Retry);
            var claimed = pushChannels
                .Select(channel => (Channel: channel, Name: ConfirmingChannel(channel, push)))
                .Where(c => c.Name is not null && entry.Channels.Contains(c.Name))
                .ToList();
            entry.Channels.RemoveAll(name => !claimed.Any(c => c.Name == name));
            if (entry.Channels.Count == 0)
            {
                pending.Remove(entry);
                continue;
            }

            entry.Attempts++;
            entry.LastAttemptAt = now;
            handOvers.Add((push, claimed.Select(c => c.Channel).ToList()));
        }

        if (!changed)
        {
            return;
        }

        await Save();
        foreach (var (push, channels) in handOvers)
        {
            LogRetrying(logger, EmployeeId, push.Message.Key, channels.Count);
            Push(push, channels);
        }
    }

    private async Task ArmPushRetry()
    {
        if (_pushRetryArmed || state.State.PendingPushes.Count == 0)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(PushRetryReminder, PushRetry.ReminderPeriod, PushRetry.ReminderPeriod);
            _pushRetryArmed = true;
        }
        catch (Exception ex)
        {
            // The next delivery or activation arms it again; until then only the activation retry applies.
            LogArmFailed(logger, ex, EmployeeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Employee {EmployeeId}: message {Key} handed again to {Channels} unconfirmed channel(s)")]
    private static partial void LogRetrying(ILogger logger, string employeeId, string key, int channels);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Employee {EmployeeId}: message {MessageId} not confirmed by {Channels} after {Attempts} attempt(s); it stays in the inbox only")]
    private static partial void LogGaveUpRetrying(ILogger logger, string employeeId, string messageId, string channels, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Employee {EmployeeId}: re-pushing unconfirmed messages failed")]
    private static partial void LogRetryFailed(ILogger logger, Exception exception, string employeeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Employee {EmployeeId}: arming the push retry reminder failed")]
    private static partial void LogArmFailed(ILogger logger, Exception exception, string employeeId);
}
