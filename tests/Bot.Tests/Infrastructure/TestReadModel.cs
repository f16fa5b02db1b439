using WealthActors.Complaints;
using System.Collections.Concurrent;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Tasks;
using WealthActors.ReadModel;
using WealthActors.Tasks;

namespace WealthActors.Bot.Tests.Infrastructure;

/// <summary>
/// An in-memory read model with the documented query rules (exact id first, then names that start with, then
/// contain the query; complaints most urgent first), shared by the silo that writes it and the engine that reads it.
/// </summary>
public sealed class TestReadModel : IReadModelWriter, IReadModelQueries, ITaskReadModelWriter, ITaskQueries, WealthActors.Grains.ServiceRequests.IServiceRequestReadModelWriter
{
    private readonly ConcurrentDictionary<string, WealthActors.ServiceRequests.ServiceRequestRow> _serviceRequests = new();

    public Task UpsertServiceRequest(WealthActors.ServiceRequests.ServiceRequestRow row, CancellationToken cancellationToken = default)
    {
        _serviceRequests.AddOrUpdate(row.RequestId, row, (_, old) => row.UpdatedAt >= old.UpdatedAt ? row : old);
        return Task.CompletedTask;
    }

    private readonly ConcurrentDictionary<string, TaskRow> _tasks = new();

    public Task UpsertTask(TaskRow row, CancellationToken cancellationToken = default)
    {
        _tasks.AddOrUpdate(row.TaskId, row, (_, old) => row.UpdatedAt >= old.UpdatedAt ? row : old);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TaskRow>> ListTasks(string owner, WorkItemStatus? status, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TaskRow>>(_tasks.Values.Where(t => t.Owner == owner && (status is null || t.Status == status))
            .OrderBy(t => t.Due).ThenBy(t => t.TaskId, StringComparer.Ordinal).Take(limit).ToArray());

    public Task<IReadOnlyList<TaskRow>> OpenTasksOfClient(string clientId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TaskRow>>(_tasks.Values.Where(t => t.ClientId == clientId && t.Status is WorkItemStatus.Open or WorkItemStatus.Snoozed)
            .OrderBy(t => t.Due).ThenBy(t => t.TaskId, StringComparer.Ordinal).Take(limit).ToArray());

    private readonly ConcurrentDictionary<string, ClientRow> _clients = new();
    private readonly ConcurrentDictionary<string, ComplaintRow> _complaints = new();
    private readonly ConcurrentDictionary<(string, string), InboxMessage> _inbox = new();

    public Task UpsertClient(ClientRow row, CancellationToken cancellationToken = default)
    {
        _clients[row.ClientId] = row;
        return Task.CompletedTask;
    }

    public Task UpsertComplaint(ComplaintRow row, CancellationToken cancellationToken = default)
    {
        _complaints.AddOrUpdate(row.ComplaintId, row, (_, old) => row.UpdatedAt >= old.UpdatedAt ? row : old);
        return Task.CompletedTask;
    }

    public Task UpsertBranch(BranchRow row, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task AppendInbox(string employeeId, InboxMessage message, CancellationToken cancellationToken = default)
    {
        _inbox[(employeeId, message.Id)] = message;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ClientRow>> SearchClients(string query, int limit, Permissions.AccessScope? scope, CancellationToken cancellationToken = default)
    {
        var q = query.Trim();
        IReadOnlyList<ClientRow> rows = _clients.Values
            .Select(r => (Row: r, Rank: r.ClientId == q ? 0
                : r.Name.StartsWith(q, StringComparison.OrdinalIgnoreCase) ? 1
                : r.Name.Contains(q, StringComparison.OrdinalIgnoreCase) ? 2 : -1))
            .Where(m => m.Rank >= 0 && (scope is null || scope.Covers(m.Row.BranchId, m.Row.AdvisorId, null)))
            .OrderBy(m => m.Rank).ThenBy(m => m.Row.Name, StringComparer.Ordinal).ThenBy(m => m.Row.ClientId, StringComparer.Ordinal)
            .Take(limit).Select(m => m.Row).ToList();
        return Task.FromResult(rows);
    }

    public Task<IReadOnlyList<ComplaintRow>> ListComplaints(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ComplaintRow> rows = _complaints.Values
            .Where(r => (filter.BranchId is null || r.BranchId == filter.BranchId)
                && (filter.Status is null || r.Status == filter.Status)
                && (filter.SlaState is null || r.SlaState == filter.SlaState)
                && (filter.Assignee is null || r.Assignee == filter.Assignee)
                && (!filter.OpenOnly || r.Status != ComplaintStatus.Resolved))
            .OrderBy(r => r.NextDeadline is null).ThenBy(r => r.NextDeadline).ThenBy(r => r.OpenedAt)
            .Take(filter.Limit).ToList();
        return Task.FromResult(rows);
    }

    public Task<IReadOnlyDictionary<SlaState, int>> CountComplaintsBySlaState(ComplaintFilter filter, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The chat never counts complaints by SLA state.");

    public Task<IReadOnlyList<InboxMessage>> InboxHistory(string employeeId, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<InboxMessage> rows = _inbox.Where(e => e.Key.Item1 == employeeId).Select(e => e.Value)
            .OrderByDescending(m => m.CreatedAt).Take(limit).ToList();
        return Task.FromResult(rows);
    }

    public Task AppendTimeline(string complaintId, IReadOnlyList<(long Seq, TimelineEntry Entry)> events, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public Task<IReadOnlyList<NumberedTimelineEntry>> TimelineHistory(string complaintId, long before, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<NumberedTimelineEntry>>([]);

    public Task<IReadOnlyList<InteractionRow>> InteractionHistory(
        string clientId, InteractionCursor? before, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<InteractionRow>>([]);

    public Task<IReadOnlyList<string>> ClientIdsOfAdvisor(
        string advisorId, string? afterClientId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. _clients.Values
            .Where(c => c.AdvisorId == advisorId && string.CompareOrdinal(c.ClientId, afterClientId ?? "") > 0)
            .Select(c => c.ClientId).Order(StringComparer.Ordinal).Take(limit)]);
}
