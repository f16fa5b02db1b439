using System.Collections.Concurrent;
using WealthActors.Employees;

namespace WealthActors.Grains.Tests.Infrastructure;

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
