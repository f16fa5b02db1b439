using System.Runtime.CompilerServices;
using WealthActors.Audit;
using WealthActors.Grains.Audit;

namespace WealthActors.Silo.Storage.Audit;

/// <summary>The audit chains in memory, for <c>Storage:Provider=Memory</c> (tests): lost on stop like everything else there.</summary>
internal sealed class InMemoryAuditStore : IAuditStore
{
    private readonly Lock _lock = new();
    private readonly AuditSealers _sealers = new();
    private readonly WriteBatcher<PendingAuditEntry, bool> _appends;
    private readonly SortedDictionary<string, List<AuditEntry>> _chains = new(StringComparer.Ordinal);

    public InMemoryAuditStore() => _appends = new(AppendBatch);

    public Task AppendAsync(AuditChainInfo? newChain, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                if (!_chains.TryGetValue(entry.ChainId, out var chain))
                {
                    _chains[entry.ChainId] = chain = [];
                }

                // As the tables' primary key: a sequence number is written once.
                if (chain.Count > 0 && chain[^1].Sequence >= entry.Sequence)
                {
                    throw new InvalidOperationException($"Chain {entry.ChainId} already holds sequence {entry.Sequence}.");
                }

                chain.Add(entry);
            }
        }

        return Task.CompletedTask;
    }

    public void Attach(IAuditSealer sealer) => _sealers.Add(sealer);

    public Task RecordChainAsync(AuditChainInfo chain) => Task.CompletedTask;

    public Task AppendAsync(IAuditSealer sealer, AuditRecord record) => _appends.Enqueue(new PendingAuditEntry(sealer, record));

    // Batches go one at a time, as a database's do, and the chains hear when one starts and how it ended.
    private async Task<IReadOnlyList<bool>> AppendBatch(IReadOnlyList<PendingAuditEntry> batch)
    {
        await _sealers.BeginBatchAsync();
        var committed = false;
        try
        {
            await AppendAsync(null, [.. batch.Select(pending => pending.Sealer.Seal(pending.Record))]);
            committed = true;
        }
        finally
        {
            _sealers.EndBatch(committed);
        }

        return [.. batch.Select(_ => true)];
    }

    public Task<AuditChainHead?> ReadHeadAsync(string chainId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_chains.TryGetValue(chainId, out var chain) && chain.Count > 0 ? chain[^1].Head : null);
        }
    }

    public Task<IReadOnlyList<string>> ChainIdsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _chains.Keys]);
        }
    }

    public async IAsyncEnumerable<AuditEntry> ReadChainAsync(string chainId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AuditEntry[] entries;
        lock (_lock)
        {
            entries = _chains.TryGetValue(chainId, out var chain) ? [.. chain] : [];
        }

        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        List<AuditEntry> all;
        lock (_lock)
        {
            all = [.. _chains.Values.SelectMany(chain => chain)];
        }

        var matching = all.Where(e =>
            (query.Actor is null || e.Record.EmployeeId == query.Actor || e.Record.KeyName == query.Actor)
            && (query.TargetType is null || e.Record.TargetType == query.TargetType)
            && (query.TargetId is null || e.Record.TargetId == query.TargetId)
            && (query.From is null || e.At >= AuditCanonicalForm.Truncate(query.From.Value))
            && (query.To is null || e.At < AuditCanonicalForm.Truncate(query.To.Value))
            && (query.After is null || Math.Sign(Compare(AuditCursor.Of(e), query.After)) == (query.Ascending ? 1 : -1)));
        var ordered = query.Ascending
            ? matching.OrderBy(e => e.At).ThenBy(e => e.ChainId, StringComparer.Ordinal).ThenBy(e => e.Sequence)
            : matching.OrderByDescending(e => e.At).ThenByDescending(e => e.ChainId, StringComparer.Ordinal).ThenByDescending(e => e.Sequence);
        return Task.FromResult<IReadOnlyList<AuditEntry>>([.. ordered.Take(query.Limit)]);
    }

    private static int Compare(AuditCursor a, AuditCursor b)
    {
        var byTime = a.At.CompareTo(b.At);
        if (byTime != 0)
        {
            return byTime;
        }

        var byChain = string.CompareOrdinal(a.ChainId, b.ChainId);
        return byChain != 0 ? byChain : a.Sequence.CompareTo(b.Sequence);
    }
}
