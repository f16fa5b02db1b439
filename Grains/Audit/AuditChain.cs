using WealthActors.Audit;

namespace WealthActors.Grains.Audit;

/// <summary>
/// How an entry joins a chain: the next sequence number after the head, the head's hash as its previous hash, and its
/// own hash over the canonical form of all of it. Pure: the chain's writer keeps the head and moves it only once the
/// entries are committed.
/// </summary>
public static class AuditChain
{
    public static AuditEntry Seal(AuditChainHead head, AuditRecord record, DateTimeOffset at, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(record);
        var sequence = head.Sequence + 1;
        var instant = AuditCanonicalForm.Truncate(at);
        var hash = AuditHashAlgorithms.Hash(algorithm, AuditCanonicalForm.Encode(head.ChainId, sequence, instant, record, algorithm, head.Hash));
        return new AuditEntry(head.ChainId, sequence, instant, record, algorithm, head.Hash, hash);
    }

    /// <summary>The hash <paramref name="entry"/> should carry, recomputed from its fields with its own algorithm.</summary>
    public static string ComputeHash(AuditEntry entry) =>
        AuditHashAlgorithms.Hash(entry.Algorithm,
            AuditCanonicalForm.Encode(entry.ChainId, entry.Sequence, entry.At, entry.Record, entry.Algorithm, entry.PreviousHash));
}
