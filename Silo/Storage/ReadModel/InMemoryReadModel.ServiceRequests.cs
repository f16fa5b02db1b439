using WealthActors.Grains.ServiceRequests;
using WealthActors.ServiceRequests;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class InMemoryReadModel : IServiceRequestReadModelWriter, IServiceRequestQueries
{
    private readonly Dictionary<string, ServiceRequestRow> _serviceRequests = new(StringComparer.Ordinal);

    public Task UpsertServiceRequest(ServiceRequestRow row, CancellationToken cancellationToken = default)
    {
        var normalized = row with
        {
            OpenedAt = row.OpenedAt.ToUniversalTime(),
            NextDeadline = row.NextDeadline?.ToUniversalTime(),
            UpdatedAt = row.UpdatedAt.ToUniversalTime(),
        };
        lock (_lock)
        {
            if (!_serviceRequests.TryGetValue(row.RequestId, out var stored) || normalized.UpdatedAt >= stored.UpdatedAt)
            {
                _serviceRequests[row.RequestId] = normalized;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ServiceRequestRow>> ListServiceRequests(ServiceRequestFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<ServiceRequestRow> rows = _serviceRequests.Values
                .Where(r => (filter.BranchId is null || r.BranchId == filter.BranchId)
                    && (filter.Status is null || r.Status == filter.Status)
                    && (filter.Assignee is null || r.Assignee == filter.Assignee)
                    && (filter.Type is null || r.Type == filter.Type)
                    && (filter.ClientId is null || r.ClientId == filter.ClientId)
                    && (filter.Scope is null || filter.Scope.Covers(r.BranchId, r.Assignee,
                        filter.Scope.Region is null ? null : _branches.GetValueOrDefault(r.BranchId)?.ParentBranchId)))
                .OrderBy(r => r.NextDeadline is null)
                .ThenBy(r => r.NextDeadline)
                .ThenBy(r => r.OpenedAt)
                .ThenBy(r => r.RequestId, StringComparer.Ordinal)
                .Take(ReadModelSemantics.ClampLimit(filter.Limit))
                .ToArray();
            return Task.FromResult(rows);
        }
    }
}
