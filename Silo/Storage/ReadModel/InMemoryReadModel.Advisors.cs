namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class InMemoryReadModel
{
    public Task<IReadOnlyList<string>> ClientIdsOfAdvisor(
        string advisorId, string? afterClientId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<string> ids = _clients.Values
                .Where(c => c.AdvisorId == advisorId && string.CompareOrdinal(c.ClientId, afterClientId ?? "") > 0)
                .Select(c => c.ClientId)
                .Order(StringComparer.Ordinal)
                .Take(ReadModelSemantics.ClampLimit(limit))
                .ToList();
            return Task.FromResult(ids);
        }
    }
}
