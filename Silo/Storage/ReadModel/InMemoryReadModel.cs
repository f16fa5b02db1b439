using WealthActors.Permissions;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The read model for <c>Storage:Provider=Memory</c> (tests): the same upsert, search and ordering rules as
/// <see cref="SqlReadModel"/>, including its normalisation of instants to UTC.
/// </summary>
internal sealed partial class InMemoryReadModel(ReadModelChanges? changes = null)
    : IReadModelWriter, IReadModelQueries, IComplaintCalendarIndex, ISlaDigestQueries
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ClientRow> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComplaintRow> _complaints = new(StringComparer.Ordinal);
    private readonly Dictionary<(string EmployeeId, string MessageId), InboxMessage> _inbox = [];
    private readonly Dictionary<string, BranchRow> _branches = new(StringComparer.Ordinal);

    public Task UpsertClient(ClientRow row, CancellationToken cancellationToken = default)
    {
        var normalized = row with
        {
            LastInteractionAt = row.LastInteractionAt?.ToUniversalTime(),
            UpdatedAt = row.UpdatedAt.ToUniversalTime(),
            ClientSince = row.ClientSince?.ToUniversalTime(),
            Holdings = null,
            NewInteractions = null,
        };
        lock (_lock)
        {
            // Interactions are appended whichever projection wins: they are numbered, not versioned.
            if (row.NewInteractions is { Count: > 0 } interactions)
            {
                AppendInteractions(row.ClientId, interactions);
            }

            // As in SQL: an older projection never replaces a newer one.
            if (!_clients.TryGetValue(row.ClientId, out var stored) || normalized.UpdatedAt >= stored.UpdatedAt)
            {
                _clients[row.ClientId] = normalized with { ClientSince = normalized.ClientSince ?? stored?.ClientSince };
                if (row.Holdings is { } holdings)
                {
                    _holdings[row.ClientId] = [.. holdings];
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task UpsertComplaint(ComplaintRow row, CancellationToken cancellationToken = default)
    {
        var normalized = row with
        {
            OpenedAt = row.OpenedAt.ToUniversalTime(),
            NextDeadline = row.NextDeadline?.ToUniversalTime(),
            ResolutionDue = row.ResolutionDue?.ToUniversalTime(),
            UpdatedAt = row.UpdatedAt.ToUniversalTime(),
            BreachedAt = row.BreachedAt?.ToUniversalTime(),
            LastEscalatedAt = row.LastEscalatedAt?.ToUniversalTime(),
            RespondedAt = row.RespondedAt?.ToUniversalTime(),
            ResolvedAt = row.ResolvedAt?.ToUniversalTime(),
        };
        lock (_lock)
        {
            if (!_complaints.TryGetValue(row.ComplaintId, out var stored) || normalized.UpdatedAt >= stored.UpdatedAt)
            {
                _complaints[row.ComplaintId] = normalized;
            }
        }

        changes?.ComplaintCommitted();
        return Task.CompletedTask;
    }

    public Task UpsertBranch(BranchRow row, CancellationToken cancellationToken = default)
    {
        var normalized = row with { UpdatedAt = row.UpdatedAt.ToUniversalTime() };
        lock (_lock)
        {
            if (!_branches.TryGetValue(row.BranchId, out var stored) || normalized.UpdatedAt >= stored.UpdatedAt)
            {
                _branches[row.BranchId] = normalized;
            }
        }

        return Task.CompletedTask;
    }

    public Task AppendInbox(string employeeId, InboxMessage message, CancellationToken cancellationToken = default)
    {
        // A copy of the channel list, so a caller changing its list later does not change the history.
        var normalized = message with
        {
            CreatedAt = message.CreatedAt.ToUniversalTime(),
            DeliveredAt = message.DeliveredAt?.ToUniversalTime(),
            DeliveredVia = [.. message.DeliveredVia],
        };
        lock (_lock)
        {
            _inbox[(employeeId, message.Id)] = normalized;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ClientRow>> SearchClients(string query, int limit, AccessScope? scope, CancellationToken cancellationToken = default)
    {
        var trimmed = query.Trim();
        var key = ReadModelSemantics.NameKey(trimmed);
        lock (_lock)
        {
            IReadOnlyList<ClientRow> rows = _clients.Values
                .Select(row => (Row: row, Rank: ReadModelSemantics.SearchRank(row, trimmed, key)))
                .Where(match => match.Rank is not null)
                .Where(match => scope is null || scope.Covers(match.Row.BranchId, match.Row.AdvisorId, ParentOf(match.Row.BranchId)))
                .OrderBy(match => match.Rank)
                .ThenBy(match => ReadModelSemantics.NameKey(match.Row.Name), StringComparer.Ordinal)
                .ThenBy(match => match.Row.ClientId, StringComparer.Ordinal)
                .Take(ReadModelSemantics.ClampLimit(limit))
                .Select(match => match.Row with { ClientSince = null })
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<ComplaintRow>> ListComplaints(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<ComplaintRow> rows = ReadModelSemantics
                .InOrder(_complaints.Values.Where(row => ReadModelSemantics.Matches(filter, row, ParentOf)), filter.Order)
                .Skip(Math.Max(filter.Offset, 0))
                .Take(ReadModelSemantics.ClampLimit(filter.Limit))
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyDictionary<SlaState, int>> CountComplaintsBySlaState(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyDictionary<SlaState, int> counts = _complaints.Values
                .Where(row => ReadModelSemantics.Matches(filter, row, ParentOf))
                .GroupBy(row => row.SlaState)
                .ToDictionary(g => g.Key, g => g.Count());
            return Task.FromResult(counts);
        }
    }

    // Called under _lock.
    private string? ParentOf(string branchId) => _branches.TryGetValue(branchId, out var branch) ? branch.ParentBranchId : null;

    public Task<IReadOnlyList<InboxMessage>> InboxHistory(string employeeId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<InboxMessage> rows = _inbox
                .Where(entry => entry.Key.EmployeeId == employeeId)
                .Select(entry => entry.Value)
                .OrderByDescending(message => message.CreatedAt)
                .ThenByDescending(message => message.Id, StringComparer.Ordinal)
                .Take(ReadModelSemantics.ClampLimit(limit))
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<string>> OpenComplaintsOnCalendar(
        string calendarId, string? afterComplaintId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<string> ids = _complaints.Values
                .Where(row => (row.CalendarId == calendarId || row.AwaitedCalendarId == calendarId) && row.Status != ComplaintStatus.Resolved)
                .Select(row => row.ComplaintId)
                .Where(id => afterComplaintId is null || string.CompareOrdinal(id, afterComplaintId) > 0)
                .Order(StringComparer.Ordinal)
                .Take(ReadModelSemantics.ClampLimit(limit))
                .ToList();
            return Task.FromResult(ids);
        }
    }

    public Task<IReadOnlyList<BranchRow>> ListBranches(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<BranchRow> rows = _branches.Values.OrderBy(row => row.BranchId, StringComparer.Ordinal).ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<BranchSlaSummary> BranchSlaSummary(
        string branchId, DateTimeOffset since, int overdueLimit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(ReadModelSemantics.Summarize(_complaints.Values, branchId, since, overdueLimit));
        }
    }
}
