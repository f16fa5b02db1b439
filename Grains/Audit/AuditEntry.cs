using WealthActors.Audit;

namespace WealthActors.Grains.Audit;

/// <summary>
/// One sealed entry of an audit chain: a door's <see cref="AuditRecord"/>, when it was recorded, its place in its chain,
/// the hash of the entry before it and its own hash over all of that (<see cref="AuditCanonicalForm"/>).
/// </summary>
/// <param name="Sequence">1 for a chain's first entry, then one more for each entry.</param>
/// <param name="At">When the door recorded it, in UTC and whole microseconds (what both databases keep exactly).</param>
/// <param name="Algorithm">The hash algorithm of <paramref name="Hash"/> (<see cref="AuditHashAlgorithms"/>).</param>
/// <param name="PreviousHash">The hash of entry <c>Sequence - 1</c>; empty for a chain's first entry.</param>
/// <param name="Hash">Lower-case hex of the algorithm over the canonical form of every other field.</param>
public sealed record AuditEntry(
    string ChainId,
    long Sequence,
    DateTimeOffset At,
    AuditRecord Record,
    string Algorithm,
    string PreviousHash,
    string Hash)
{
    /// <summary>The chain as it stands with this entry last.</summary>
    public AuditChainHead Head => new(ChainId, Sequence, Hash, Algorithm, At);
}

/// <summary>
/// The last entry of a chain, as a digest keeps it outside the database: a later check that the database still holds
/// this entry with this hash detects a chain whose tail was cut off or that was rewritten.
/// </summary>
public sealed record AuditChainHead(string ChainId, long Sequence, string Hash, string Algorithm, DateTimeOffset At)
{
    /// <summary>A chain before its first entry: sequence 0 and an empty hash, which entry 1 names as its previous hash.</summary>
    public static AuditChainHead Genesis(string chainId) => new(chainId, 0, "", "", default);
}
