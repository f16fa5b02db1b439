namespace WealthActors.Grains.Audit;

/// <summary>Why a chain does not verify, and what that means happened to it.</summary>
public enum AuditFault
{
    /// <summary>The entry's hash does not match its fields: the entry was edited.</summary>
    HashMismatch,

    /// <summary>The entry's previous hash is not the hash of the entry before it: an entry was deleted, inserted or reordered.</summary>
    PreviousHashMismatch,

    /// <summary>Sequence numbers skip: the entries in between were deleted.</summary>
    SequenceGap,

    /// <summary>A sequence number repeats or goes back: an entry was inserted or entries were reordered.</summary>
    SequenceOutOfOrder,

    /// <summary>The entry names another chain.</summary>
    WrongChain,

    /// <summary>The entry names a hash algorithm this build does not know, so it cannot be checked.</summary>
    UnknownAlgorithm,

    /// <summary>The entry at the digest's head has another hash: the chain was rewritten up to there.</summary>
    HeadMismatch,

    /// <summary>The chain ends before the digest's head: entries were deleted from its tail.</summary>
    Truncated,

    /// <summary>The digest names a chain of which the database holds nothing: the whole chain was deleted.</summary>
    ChainMissing,
}

/// <summary>The first bad entry of a chain: where (<paramref name="ChainId"/>, <paramref name="Sequence"/>) and why.</summary>
public sealed record AuditFinding(string ChainId, long Sequence, AuditFault Fault, string Reason);

/// <summary>What verifying one chain found: how many entries verified, the last of them, and the first fault if any.</summary>
public sealed record AuditChainReport(string ChainId, long Verified, AuditChainHead? Head, AuditFinding? Finding)
{
    public bool Ok => Finding is null;
}
