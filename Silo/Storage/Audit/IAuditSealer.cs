using WealthActors.Audit;
using WealthActors.Grains.Audit;

namespace WealthActors.Silo.Storage.Audit;

/// <summary>
/// A chain whose entries are sealed (numbered and hashed onto the chain) as the database's write batch that carries them
/// is built, so that sequence numbers and hash links follow the order of commits: a database's batches run one at a
/// time, each tells its chains when it starts and how it ended, and a failed batch's entries leave no gap.
/// </summary>
internal interface IAuditSealer
{
    /// <summary>Before a batch is built: where the chain's head is in doubt after a failed batch, it is read again.</summary>
    ValueTask BeginBatchAsync();

    /// <summary>Seals <paramref name="record"/> as the next entry of the batch being built.</summary>
    AuditEntry Seal(AuditRecord record);

    /// <summary>The batch committed (its entries are the chain's new head) or failed (they never were).</summary>
    void EndBatch(bool committed);
}

/// <summary>The chains a database's write batches seal entries for; one in a silo, one per writer in tests.</summary>
internal sealed class AuditSealers
{
    private readonly Lock _lock = new();
    private IAuditSealer[] _sealers = [];

    public void Add(IAuditSealer sealer)
    {
        lock (_lock)
        {
            _sealers = [.. _sealers, sealer];
        }
    }

    public async ValueTask BeginBatchAsync()
    {
        foreach (var sealer in Volatile.Read(ref _sealers))
        {
            await sealer.BeginBatchAsync();
        }
    }

    public void EndBatch(bool committed)
    {
        foreach (var sealer in Volatile.Read(ref _sealers))
        {
            sealer.EndBatch(committed);
        }
    }
}

/// <summary>
/// The audit entry of the request a grain's state write serves, to be committed in the write's own unit: the entry
/// stands or falls with the state change it records.
/// </summary>
internal interface IStateWriteAudit
{
    /// <summary>
    /// The entry's statement when the request that made <paramref name="writer"/> write still has its entry to make;
    /// null otherwise (a write of a timer or reminder, a second write of the request, a request that is not audited).
    /// </summary>
    StateWriteEntry? Claim(GrainId writer);
}

/// <summary>An audit entry for a unit of a database's write batch: sealed onto its chain as the batch is built.</summary>
/// <param name="Sealed">Hears the entry as it is sealed (again, when its unit is retried after a failed batch).</param>
internal record PendingAuditEntry(IAuditSealer Sealer, AuditRecord Record, Action<AuditEntry>? Sealed = null);

/// <summary>The entry a state write carries, and who hears whether its unit committed.</summary>
internal sealed record StateWriteEntry(IAuditSealer Sealer, AuditRecord Record, Action<AuditEntry> Sealed, Action<bool> Done)
    : PendingAuditEntry(Sealer, Record, Sealed);
