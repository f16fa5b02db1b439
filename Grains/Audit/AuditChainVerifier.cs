namespace WealthActors.Grains.Audit;

/// <summary>
/// Verifies one chain: (its entries in sequence order, optionally the head a digest kept) → ok, or the first bad entry
/// and why. Pure and incremental, so a chain of millions of entries streams through it.
/// </summary>
/// <remarks>
/// Each entry must continue the one before: the same chain, the next sequence number (a chain starts at 1), the previous
/// entry's hash as its previous hash, a known algorithm, and a hash that matches its own fields. What breaks first names
/// the tampering: an edited entry fails its own hash; a deleted one leaves a gap; an inserted or moved one breaks the
/// previous-hash link of the entry after it (or repeats a sequence number). Someone who rewrites every entry from the
/// edit to the end keeps a chain that checks out by itself, and so does one who cuts off its tail: only a head kept
/// outside the database (<see cref="AuditChainHead"/>, from a digest) shows those, when the entry at the head's sequence
/// has another hash or is missing. Entries after the head are fine: the chain went on after the digest was taken.
/// </remarks>
public sealed class AuditChainVerifier
{
    private readonly string _chainId;
    private readonly AuditChainHead? _expectedHead;
    private AuditChainHead _last;

    /// <param name="expectedHead">The chain's head as a digest recorded it, or null to check the chain by itself.</param>
    public AuditChainVerifier(string chainId, AuditChainHead? expectedHead = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(chainId);
        if (expectedHead is not null && expectedHead.ChainId != chainId)
        {
            throw new ArgumentException($"The expected head is of chain '{expectedHead.ChainId}', not '{chainId}'.", nameof(expectedHead));
        }

        _chainId = chainId;
        _expectedHead = expectedHead;
        _last = AuditChainHead.Genesis(chainId);
    }

    /// <summary>Entries that verified, from the first up to the one before the fault (or the last).</summary>
    public long Verified { get; private set; }

    /// <summary>The first fault; once found, later entries are not looked at.</summary>
    public AuditFinding? Finding { get; private set; }

    /// <summary>Checks the next entry; false once the chain has a fault.</summary>
    public bool Add(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Finding is not null)
        {
            return false;
        }

        Finding = Check(entry);
        if (Finding is not null)
        {
            return false;
        }

        _last = entry.Head;
        Verified++;
        return true;
    }

    /// <summary>After the last entry: the report, including a tail missing against the expected head.</summary>
    public AuditChainReport Finish()
    {
        if (Finding is null && _expectedHead is { } head && _last.Sequence < head.Sequence)
        {
            Finding = Verified == 0
                ? new AuditFinding(_chainId, 1, AuditFault.ChainMissing,
                    $"the digest names this chain up to sequence {head.Sequence}, but none of its entries is there: the whole chain was deleted")
                : new AuditFinding(_chainId, _last.Sequence + 1, AuditFault.Truncated,
                    $"the chain ends at sequence {_last.Sequence}, but the digest's head is sequence {head.Sequence}: " +
                    $"entries {_last.Sequence + 1}–{head.Sequence} were deleted from its tail");
        }

        return new AuditChainReport(_chainId, Verified, Verified == 0 ? null : _last, Finding);
    }

    /// <summary>Verifies a whole chain at once.</summary>
    public static AuditChainReport Verify(string chainId, IEnumerable<AuditEntry> entries, AuditChainHead? expectedHead = null)
    {
        var verifier = new AuditChainVerifier(chainId, expectedHead);
        foreach (var entry in entries)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Finish();
    }

    private AuditFinding? Check(AuditEntry entry)
    {
        if (entry.ChainId != _chainId)
        {
            return Fault(entry, AuditFault.WrongChain, $"the entry names chain '{entry.ChainId}'");
        }

        var expected = _last.Sequence + 1;
        if (entry.Sequence > expected)
        {
            var missing = entry.Sequence == expected + 1 ? $"entry {expected} is" : $"entries {expected}–{entry.Sequence - 1} are";
            return Fault(entry, AuditFault.SequenceGap, $"the sequence jumps from {_last.Sequence} to {entry.Sequence}: {missing} missing (deleted)");
        }

        if (entry.Sequence < expected)
        {
            return Fault(entry, AuditFault.SequenceOutOfOrder,
                $"sequence {entry.Sequence} comes after {_last.Sequence}: an entry was inserted or entries were reordered");
        }

        if (entry.PreviousHash != _last.Hash)
        {
            return Fault(entry, AuditFault.PreviousHashMismatch,
                "its previous hash is not the hash of the entry before it: an entry was deleted, inserted or reordered, or this link was edited");
        }

        if (!AuditHashAlgorithms.IsKnown(entry.Algorithm))
        {
            return Fault(entry, AuditFault.UnknownAlgorithm, $"it names the hash algorithm '{entry.Algorithm}', which this build does not know");
        }

        if (AuditChain.ComputeHash(entry) != entry.Hash)
        {
            return Fault(entry, AuditFault.HashMismatch, "its hash does not match its contents: the entry was edited");
        }

        if (_expectedHead is { } head && entry.Sequence == head.Sequence && (entry.Hash != head.Hash || entry.Algorithm != head.Algorithm))
        {
            return Fault(entry, AuditFault.HeadMismatch,
                "it is the digest's head but its hash differs from the digest's: the chain was rewritten up to here");
        }

        return null;
    }

    private static AuditFinding Fault(AuditEntry entry, AuditFault fault, string reason) => new(entry.ChainId, entry.Sequence, fault, reason);
}
