using WealthActors.Audit;
using WealthActors.Grains.Audit;

namespace WealthActors.Silo.Storage.Audit;

/// <summary>
/// Where the audit chains are kept: the same SQLite file or PostgreSQL database as everything else, or memory for tests.
/// Appends only; nothing here changes or removes an entry.
/// </summary>
internal interface IAuditStore
{
    /// <summary>
    /// Writes <paramref name="entries"/>, sealed already, as given, in one transaction, with the chain's own row when
    /// <paramref name="newChain"/> is given. The product's writer seals entries as their batch is built instead
    /// (<see cref="AppendAsync(IAuditSealer, WealthActors.Audit.AuditRecord)"/>); this writes rows sealed elsewhere, such
    /// as the forged ones the tamper tests insert.
    /// </summary>
    Task AppendAsync(AuditChainInfo? newChain, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="sealer"/>'s chain one this store's write batches seal entries for.</summary>
    void Attach(IAuditSealer sealer);

    /// <summary>Writes the chain's own row (once, before its first entry); writing it again changes nothing.</summary>
    Task RecordChainAsync(AuditChainInfo chain);

    /// <summary>
    /// <paramref name="record"/> as a unit of its own in this store's write batches, sealed onto
    /// <paramref name="sealer"/>'s chain as its batch is built; completes once the batch committed.
    /// </summary>
    Task AppendAsync(IAuditSealer sealer, AuditRecord record);

    /// <summary>The stored last entry of a chain, or null when it has none.</summary>
    Task<AuditChainHead?> ReadHeadAsync(string chainId, CancellationToken cancellationToken = default);

    /// <summary>Every chain that holds an entry, in id order.</summary>
    Task<IReadOnlyList<string>> ChainIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>A chain's entries in sequence order, streamed.</summary>
    IAsyncEnumerable<AuditEntry> ReadChainAsync(string chainId, CancellationToken cancellationToken = default);

    /// <summary>One page of entries matching <paramref name="query"/>, in its order.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A chain as its writer names it: one per silo process run.</summary>
internal sealed record AuditChainInfo(string ChainId, DateTimeOffset StartedAt, string Host);

/// <summary>
/// A page of the audit trail: filters (each optional), the order by time, where the previous page ended and how many.
/// </summary>
/// <param name="Actor">An employee id or an API key name.</param>
/// <param name="From">Entries at or after this instant.</param>
/// <param name="To">Entries before this instant.</param>
/// <param name="Ascending">Oldest first; otherwise newest first.</param>
/// <param name="After">The last entry of the previous page (keyset paging).</param>
internal sealed record AuditQuery(
    string? Actor = null,
    string? TargetType = null,
    string? TargetId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool Ascending = false,
    AuditCursor? After = null,
    int Limit = 100);

/// <summary>A position in the trail's time order: (time, chain, sequence) is unique and total.</summary>
internal sealed record AuditCursor(DateTimeOffset At, string ChainId, long Sequence)
{
    public static AuditCursor Of(AuditEntry entry) => new(entry.At, entry.ChainId, entry.Sequence);
}
