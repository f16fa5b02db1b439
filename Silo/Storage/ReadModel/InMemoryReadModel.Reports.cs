using WealthActors.Permissions;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>The report queries of <see cref="SqlReadModel"/> over the in-memory rows.</summary>
internal sealed partial class InMemoryReadModel : IReportQueries
{
    public Task<IReadOnlyList<ComplaintRow>> ComplaintsActiveBetween(
        DateTimeOffset from, DateTimeOffset to, AccessScope? scope, CancellationToken cancellationToken = default) =>
        Read<ComplaintRow>(() => _complaints.Values
            .Where(row => ReadModelSemantics.ActiveBetween(row, from, to) && Covers(scope, row.BranchId, row.Assignee))
            .OrderBy(row => row.OpenedAt).ThenBy(row => row.ComplaintId, StringComparer.Ordinal));

    public Task<IReadOnlyList<TierTotal>> ClientsByTier(AccessScope? scope, CancellationToken cancellationToken = default) =>
        Read(() => ClientsIn(scope).GroupBy(row => row.Tier).OrderBy(g => g.Key)
            .Select(g => new TierTotal(g.Key, g.Count(), g.Sum(row => row.Aum))));

    public Task<IReadOnlyList<OwnerCount>> ClientsByAdvisor(AccessScope? scope, CancellationToken cancellationToken = default) =>
        Read(() => ClientsIn(scope).GroupBy(row => row.AdvisorId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OwnerCount(g.Key, g.Count())));

    public Task<IReadOnlyList<MaturingHolding>> MaturingHoldings(
        DateOnly from, DateOnly to, AccessScope? scope, CancellationToken cancellationToken = default) =>
        Read(() => ClientsIn(scope)
            .SelectMany(row => HoldingsOf(row.ClientId)
                .Where(h => h.MaturityDate >= from && h.MaturityDate <= to)
                .Select(h => (h.ProductCode, Holding: new MaturingHolding(row.ClientId, row.AdvisorId, h.ProductName, h.MaturityDate!.Value, h.Amount))))
            .OrderBy(m => m.Holding.MaturityDate).ThenBy(m => m.Holding.ClientId, StringComparer.Ordinal).ThenBy(m => m.ProductCode, StringComparer.Ordinal)
            .Select(m => m.Holding));

    public Task<int> CountClients(ClientFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(ClientsMatching(filter).Count());
        }
    }

    public Task<IReadOnlyList<ClientRow>> ListClients(ClientFilter filter, CancellationToken cancellationToken = default) =>
        Read(() => ClientsMatching(filter)
            .OrderBy(row => ReadModelSemantics.NameKey(row.Name), StringComparer.Ordinal).ThenBy(row => row.ClientId, StringComparer.Ordinal)
            .Skip(Math.Max(filter.Offset, 0))
            .Take(ReadModelSemantics.ClampLimit(filter.Limit))
            .Select(row => row with { ClientSince = null, Holdings = null }));

    // Called under _lock.
    private IEnumerable<ClientRow> ClientsMatching(ClientFilter filter) => ClientsIn(filter.Scope).Where(row =>
        (filter.Tier is null || row.Tier == filter.Tier)
        && (filter.AdvisorId is null || row.AdvisorId == filter.AdvisorId)
        && (filter.InactiveSince is null || ReadModelSemantics.LastContact(row) <= filter.InactiveSince)
        && (filter.MaturingFrom is null && filter.MaturingTo is null
            || HoldingsOf(row.ClientId).Any(h => h.MaturityDate >= (filter.MaturingFrom ?? DateOnly.MinValue)
                                                 && h.MaturityDate <= (filter.MaturingTo ?? DateOnly.MaxValue))));

    // Called under _lock.
    private IEnumerable<ClientRow> ClientsIn(AccessScope? scope) =>
        _clients.Values.Where(row => Covers(scope, row.BranchId, row.AdvisorId));

    // Called under _lock.
    private bool Covers(AccessScope? scope, string branchId, string? ownerId) =>
        scope is null || scope.Covers(branchId, ownerId, scope.Region is null ? null : ParentOf(branchId));

    private Task<IReadOnlyList<T>> Read<T>(Func<IEnumerable<T>> rows)
    {
        lock (_lock)
        {
            IReadOnlyList<T> list = rows().ToList();
            return Task.FromResult(list);
        }
    }
}
