using Microsoft.Extensions.Logging;
using WealthActors.Channels;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;

namespace WealthActors.Grains.Employees;

public sealed partial class EmployeeGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<EmployeeState> state,
    IReadModelWriter readModel,
    IEnumerable<IInboxPushChannel> pushChannels,
    TimeProvider clock,
    ILogger<EmployeeGrain> logger) : Grain, IEmployeeGrain, IRemindable
{
    /// <summary>
    /// Messages kept in grain state, which is written whole on every delivery; older ones are read from the read model
    /// (<c>rm_inbox</c>). As many as the web console's snapshot shows.
    /// </summary>
    public const int RecentLimit = 30;

    /// <summary>
    /// The bound including older messages a chat channel still owes a confirmation for: those stay (so their re-push
    /// and their confirmation work as before) until this many are kept, as all recent messages did before.
    /// </summary>
    public const int OwedLimit = 100;

    private DeliveryKeyWindow? _keys;
    private GroupCommit? _commits;

    // Set when a state write failed: memory may hold changes storage lacks, so this activation refuses further work
    // and is replaced by a fresh one read from storage.
    private bool _stateLost;

    private string EmployeeId => this.GetPrimaryKeyString();

    private DeliveryKeyWindow Keys => _keys ??= new DeliveryKeyWindow(state.State.DeliveredKeys);

    // Deliveries interleave (see IEmployeeGrain.Deliver), and every state write goes through this one group commit.
    private GroupCommit Commits => _commits ??= new GroupCommit(() => state.WriteStateAsync());

    public async Task<EmployeeProfile> Upsert(EmployeeProfile profile, Actor actor)
    {
        var previous = state.State.Profile;
        state.State.Profile = profile;
        await Save();
        await IndexChannelIdentities(previous, profile);
        // After the write, so a manager never lists a report whose profile does not name them. Telling the current
        // manager again on every upsert (a no-op for them when nothing changed) mends a crash between the two writes.
        if (previous?.ManagerId is { } former && former != profile.ManagerId)
        {
            await GrainFactory.GetGrain<IEmployeeGrain>(former).SetReport(EmployeeId, false);
        }

        if (profile.ManagerId is { } manager)
        {
            await GrainFactory.GetGrain<IEmployeeGrain>(manager).SetReport(EmployeeId, true);
        }

        LogUpserted(logger, EmployeeId, profile.Role, actor.Id);
        return profile;
    }

    public Task<IReadOnlyList<string>> GetReports() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Reports.Order(StringComparer.Ordinal)]);

    public async Task SetReport(string employeeId, bool reports)
    {
        if (reports ? state.State.Reports.Add(employeeId) : state.State.Reports.Remove(employeeId))
        {
            await Save();
        }
    }

    public Task<EmployeeProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public async Task<bool> Deliver(InboxMessage message)
    {
        ThrowIfStateLost();
        if (Keys.Contains(message.Key))
        {
            // The original may still be on its way to storage: a repeat is only answered once it is durable, or fails
            // with it so that its sender keeps the message and tries again.
            await Commits.Settled;
            LogDuplicate(logger, EmployeeId, message.Key);
            return false;
        }

        Keys.Add(message.Key);
        message = message.For(state.State.Profile) with { DeliveredAt = clock.GetUtcNow() };
        state.State.Recent.Add(message);
        Evict();

        // The channels that owe a confirmation are recorded in the same write as the message, so a push lost with
        // the process is handed over again after restart.
        var push = new InboxPush(EmployeeId, state.State.Profile, message, InboxPushReason.Delivered);
        var owed = RecordPending(push);
        // The history row is a copy kept for reading older messages, so it is written beside the state rather than
        // after it: the turn, and the deliveries queued behind it at a busy recipient, wait for one commit instead of
        // two. A failed save leaves at most that row, which the sender's retry writes again.
        var history = AppendHistory(message);
        await Save();
        LogDelivered(logger, EmployeeId, message.Kind, message.Key);
        Push(push, pushChannels);
        await history;
        if (owed)
        {
            await ArmPushRetry();
        }

        return true;
    }

    public async Task<bool> MarkDelivered(string messageId, string channel)
    {
        var confirmed = ClearPending(messageId, channel);
        var recent = state.State.Recent;
        var index = recent.FindIndex(m => m.Id == messageId);
        if (index < 0 || recent[index].DeliveredVia.Contains(channel))
        {
            if (confirmed)
            {
                await Save();
            }

            return false;
        }

        // An array, so the Orleans serializer knows the concrete type of the list.
        var updated = recent[index] with { DeliveredVia = [.. recent[index].DeliveredVia, channel] };
        recent[index] = updated;
        await Save();
        LogMarkedDelivered(logger, EmployeeId, messageId, channel);
        Push(new InboxPush(EmployeeId, state.State.Profile, updated, InboxPushReason.Updated), pushChannels);
        await AppendHistory(updated);
        return true;
    }

    public Task<IReadOnlyList<InboxMessage>> GetInbox(int limit)
    {
        IReadOnlyList<InboxMessage> newestFirst = state.State.Recent
            .AsEnumerable().Reverse().Take(Math.Clamp(limit, 1, OwedLimit)).ToArray();
        return Task.FromResult(newestFirst);
    }

    /// <summary>
    /// Drops the oldest messages beyond <see cref="RecentLimit"/> that no channel owes anything for; owed ones stay
    /// up to <see cref="OwedLimit"/> messages in all, beyond which the oldest go with their debt.
    /// </summary>
    private void Evict()
    {
        var recent = state.State.Recent;
        var excess = recent.Count - RecentLimit;
        if (excess <= 0)
        {
            return;
        }

        var owed = state.State.PendingPushes.Select(p => p.MessageId).ToHashSet(StringComparer.Ordinal);
        var dropped = 0;
        // RemoveAll visits the list in order, oldest first.
        recent.RemoveAll(m => dropped < excess && !owed.Contains(m.Id) && ++dropped > 0);
        if (recent.Count > OwedLimit)
        {
            recent.RemoveRange(0, recent.Count - OwedLimit);
            ForgetPendingOfEvicted();
        }
    }

    public async Task<bool> SetTeamsConversation(TeamsConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference == state.State.TeamsConversation)
        {
            return false;
        }

        state.State.TeamsConversation = reference;
        await Save();
        LogTeamsConversation(logger, EmployeeId, reference.ConversationId);
        return true;
    }

    public Task<TeamsConversationReference?> GetTeamsConversation() => Task.FromResult(state.State.TeamsConversation);

    private async Task AppendHistory(InboxMessage message)
    {
        try
        {
            await readModel.AppendInbox(EmployeeId, message);
        }
        catch (Exception ex)
        {
            LogHistoryFailed(logger, ex, EmployeeId, message.Key);
        }
    }

    private async Task Save()
    {
        ThrowIfStateLost();
        try
        {
            await Commits.Request();
        }
        catch
        {
            // In-memory state may be ahead of storage; the next activation reads it from storage again.
            _stateLost = true;
            DeactivateOnIdle();
            throw;
        }
    }

    private void ThrowIfStateLost()
    {
        if (_stateLost)
        {
            throw new InvalidOperationException($"Employee {EmployeeId}: a state write failed; retry once the grain is reactivated.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Employee {EmployeeId} ({Role}) upserted by {ActorId}")]
    private static partial void LogUpserted(ILogger logger, string employeeId, EmployeeRole role, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Employee {EmployeeId}: {Kind} message {Key} delivered")]
    private static partial void LogDelivered(ILogger logger, string employeeId, InboxKind kind, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Employee {EmployeeId}: message {MessageId} delivered via {Channel}")]
    private static partial void LogMarkedDelivered(ILogger logger, string employeeId, string messageId, string channel);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Employee {EmployeeId}: duplicate delivery {Key} ignored")]
    private static partial void LogDuplicate(ILogger logger, string employeeId, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Employee {EmployeeId}: inbox history write for {Key} failed")]
    private static partial void LogHistoryFailed(ILogger logger, Exception exception, string employeeId, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Employee {EmployeeId}: Teams conversation {ConversationId} kept")]
    private static partial void LogTeamsConversation(ILogger logger, string employeeId, string conversationId);
}
