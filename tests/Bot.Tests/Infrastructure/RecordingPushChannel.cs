using System.Collections.Concurrent;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Infrastructure;

/// <summary>Keeps every push the employee grains hand to their channels.</summary>
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
