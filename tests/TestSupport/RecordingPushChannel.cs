using System.Collections.Concurrent;
using WealthActors.Employees;

namespace WealthActors.Testing;

public sealed class RecordingPushChannel : IInboxPushChannel
{
    private readonly ConcurrentQueue<InboxPush> _pushes = new();

    public IReadOnlyList<InboxPush> For(string employeeId) => _pushes.Where(p => p.EmployeeId == employeeId).ToArray();

    public bool TryPush(InboxPush push)
    {
        _pushes.Enqueue(push);
        return true;
    }
}

public sealed class ThrowingPushChannel : IInboxPushChannel
{
    public bool TryPush(InboxPush push) => throw new InvalidOperationException("This channel is down.");
}

/// <summary>
/// A channel that confirms what it carries, like WeCom and Teams, but only for employees whose id starts with
/// <see cref="Prefix"/>, so the other tests of the shared cluster owe it nothing. It records every push it is handed
/// and can lose them, as a queue in a process that stops would.
/// </summary>
public sealed class ConfirmingPushChannel : IInboxPushChannel
{
    public const string Name = "test-chat";
    public const string Prefix = "DUR-";

    private readonly ConcurrentQueue<InboxPush> _pushes = new();
    private readonly ConcurrentDictionary<string, bool> _losing = new();

    public IReadOnlyList<InboxPush> For(string employeeId) => _pushes.Where(p => p.EmployeeId == employeeId).ToArray();

    /// <summary>While set, pushes for <paramref name="employeeId"/> are accepted and then lost.</summary>
    public void Lose(string employeeId, bool losing) => _losing[employeeId] = losing;

    public string? ConfirmingChannel(InboxPush push) =>
        push.EmployeeId.StartsWith(Prefix, StringComparison.Ordinal) && push.Reason != InboxPushReason.Updated
        && !push.Message.DeliveredVia.Contains(Name)
            ? Name
            : null;

    public bool TryPush(InboxPush push)
    {
        if (ConfirmingChannel(push) is null)
        {
            return false;
        }

        _pushes.Enqueue(push);
        return !_losing.GetValueOrDefault(push.EmployeeId);
    }
}
