using System.Collections.Concurrent;
using WealthActors.Audit;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>
/// Lets an audited request's entry be committed in the unit of the first grain-state write the request makes, instead
/// of in a commit of its own after the answer is ready: the entry then stands or falls with the state change it records,
/// and the answer waits for no second commit. The request carries a ticket in Orleans' request context, which follows
/// it into every grain it calls on this silo; the batched grain storage claims the ticket's entry for the first write
/// (<see cref="IStateWriteAudit"/>). A write on another silo finds no ticket here, and the entry is made after the
/// answer as before (<see cref="AuditedExchange"/>).
/// </summary>
internal sealed class StateWriteAudit(AuditChainWriter chain) : IStateWriteAudit
{
    private const string TicketKey = "wealthactors.audit-ticket";

    // A ticket names one request in the whole cluster: a grain on another silo may see it, and must find nothing there.
    private readonly ConcurrentDictionary<Guid, AuditedExchange> _open = new();

    /// <summary>Before any state write can carry one of the chain's entries, the chain's own row exists.</summary>
    public Task PrepareAsync() => chain.RecordChainAsync();

    /// <summary>
    /// Issues <paramref name="exchange"/>'s ticket to the grain calls its request makes from here on. Synchronous, so the
    /// ticket stays in the caller's request context (a change made inside an async method would end with it).
    /// </summary>
    public Guid Open(AuditedExchange exchange)
    {
        var ticket = Guid.NewGuid();
        _open[ticket] = exchange;
        RequestContext.Set(TicketKey, ticket);
        return ticket;
    }

    /// <summary>The request is over: a write still carrying its ticket (a grain working on after it) claims nothing.</summary>
    public void Close(Guid ticket)
    {
        _open.TryRemove(ticket, out _);
        RequestContext.Remove(TicketKey);
    }

    public StateWriteEntry? Claim(GrainId writer)
    {
        if (RequestContext.Get(TicketKey) is not Guid ticket || !_open.TryGetValue(ticket, out var exchange)
            || exchange.TryClaim(writer) is not { } claim)
        {
            return null;
        }

        return new StateWriteEntry(chain, claim.Record, claim.Sealed, claim.Done);
    }
}

/// <summary>An exchange's entry as claimed for a state write: the record as predicted, and whether it committed.</summary>
internal sealed class StateWriteClaim(AuditRecord record)
{
    private readonly TaskCompletionSource<AuditEntry?> _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AuditEntry? _entry;

    public AuditRecord Record => record;

    /// <summary>The committed entry, or null when the write's unit failed (and the entry with it).</summary>
    public Task<AuditEntry?> Committed => _committed.Task;

    // Sealed again when its unit is retried after a failed batch: the last seal is the one that may commit.
    public void Sealed(AuditEntry entry) => _entry = entry;

    public void Done(bool committed) => _committed.TrySetResult(committed ? _entry : null);
}
