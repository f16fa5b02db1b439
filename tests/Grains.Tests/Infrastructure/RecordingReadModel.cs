using System.Collections.Concurrent;
using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.ServiceRequests;
using WealthActors.Grains.Tasks;
using WealthActors.ServiceRequests;
using WealthActors.ReadModel;
using WealthActors.Tasks;

namespace WealthActors.Grains.Tests.Infrastructure;

/// <summary>Keeps the last projection of each entity, so tests can see what grains publish.</summary>
public sealed class RecordingReadModel : IReadModelWriter, IComplaintCalendarIndex, ITaskReadModelWriter, IServiceRequestReadModelWriter
{
    public ConcurrentDictionary<string, ServiceRequestRow> ServiceRequests { get; } = new();

    public Task UpsertServiceRequest(ServiceRequestRow row, CancellationToken cancellationToken = default)
    {
        ServiceRequests.AddOrUpdate(row.RequestId, row, (_, stored) => row.UpdatedAt >= stored.UpdatedAt ? row : stored);
        return Task.CompletedTask;
    }

    public ConcurrentDictionary<string, TaskRow> Tasks { get; } = new();

    public Task UpsertTask(TaskRow row, CancellationToken cancellationToken = default)
    {
        Tasks.AddOrUpdate(row.TaskId, row, (_, stored) => row.UpdatedAt >= stored.UpdatedAt ? row : stored);
        return Task.CompletedTask;
    }

    public ConcurrentDictionary<string, ClientRow> Clients { get; } = new();

    public ConcurrentDictionary<string, ComplaintRow> Complaints { get; } = new();

    public ConcurrentDictionary<string, ConcurrentDictionary<string, InboxMessage>> Inboxes { get; } = new();

    public ConcurrentDictionary<string, BranchRow> Branches { get; } = new();

    private int _calendarQueryFailures;

    /// <summary>Makes the next <paramref name="count"/> calendar queries fail, as a read model that is down would.</summary>
    public void FailCalendarQueries(int count) => Interlocked.Exchange(ref _calendarQueryFailures, count);

    /// <summary>Every client projection as published, in order (holdings omitted where the grain left them unchanged).</summary>
    public ConcurrentQueue<ClientRow> ClientProjections { get; } = new();

    /// <summary>As the real read models do: a projection without holdings keeps the ones stored.</summary>
    public Task UpsertClient(ClientRow row, CancellationToken cancellationToken = default)
    {
        ClientProjections.Enqueue(row);
        Clients.AddOrUpdate(row.ClientId, row, (_, stored) => row.Holdings is null ? row with { Holdings = stored.Holdings } : row);
        return Task.CompletedTask;
    }

    public Task UpsertComplaint(ComplaintRow row, CancellationToken cancellationToken = default)
    {
        Complaints[row.ComplaintId] = row;
        return Task.CompletedTask;
    }

    public Task UpsertBranch(BranchRow row, CancellationToken cancellationToken = default)
    {
        Branches[row.BranchId] = row;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> OpenComplaintsOnCalendar(
        string calendarId, string? afterComplaintId, int limit, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _calendarQueryFailures) >= 0)
        {
            throw new InvalidOperationException("The read model is unavailable.");
        }

        IReadOnlyList<string> ids = Complaints.Values
            .Where(row => (row.CalendarId == calendarId || row.AwaitedCalendarId == calendarId) && row.Status != ComplaintStatus.Resolved)
            .Select(row => row.ComplaintId)
            .Where(id => afterComplaintId is null || string.CompareOrdinal(id, afterComplaintId) > 0)
            .Order(StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        return Task.FromResult(ids);
    }

    public Task AppendInbox(string employeeId, InboxMessage message, CancellationToken cancellationToken = default)
    {
        Inboxes.GetOrAdd(employeeId, _ => new())[message.Id] = message;
        return Task.CompletedTask;
    }

    /// <summary>Archived timeline events by complaint and number.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<long, TimelineEntry>> Timelines { get; } = new();

    public Task AppendTimeline(string complaintId, IReadOnlyList<(long Seq, TimelineEntry Entry)> events, CancellationToken cancellationToken = default)
    {
        var timeline = Timelines.GetOrAdd(complaintId, _ => new());
        foreach (var (seq, entry) in events)
        {
            timeline.TryAdd(seq, entry);
        }

        return Task.CompletedTask;
    }
}
