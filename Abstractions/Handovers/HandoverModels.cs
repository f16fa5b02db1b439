namespace WealthActors.Handovers;

/// <summary>What a handover does, fixed when it starts.</summary>
/// <param name="From">The advisor whose clients move.</param>
/// <param name="To">The advisor who takes them.</param>
/// <param name="ClientIds">The clients to move, in the order they are worked through.</param>
/// <param name="Actor">Who asked for it; the clients and complaints record the moves as theirs.</param>
/// <param name="Requester">Who asked, for the audit trail: the employee, the API key's name and the door.</param>
/// <param name="Notify">The team leads told when it is done, besides both advisors.</param>
[GenerateSerializer, Immutable, Alias("WealthActors.HandoverPlan")]
public sealed record HandoverPlan(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] IReadOnlyList<string> ClientIds,
    [property: Id(3)] Actor Actor,
    [property: Id(4)] HandoverRequester Requester,
    [property: Id(5)] IReadOnlyList<string> Notify,
    [property: Id(6)] DateTimeOffset RequestedAt);

[GenerateSerializer, Immutable, Alias("WealthActors.HandoverRequester")]
public sealed record HandoverRequester(
    [property: Id(0)] string? EmployeeId,
    [property: Id(1)] string? KeyName,
    [property: Id(2)] string? Door,
    [property: Id(3)] string? Digest);

[GenerateSerializer, Alias("WealthActors.HandoverRunState")]
public enum HandoverRunState
{
    Running = 0,
    Completed = 1,
}

/// <summary>A handover's progress.</summary>
/// <param name="Total">Clients in the plan.</param>
/// <param name="Processed">Clients whose steps are done.</param>
/// <param name="Moved">Clients now with the new advisor (also those a repeat after a restart found already moved).</param>
/// <param name="Skipped">Clients that had left the departing advisor before their turn (another advisor's now), or no longer exist: not moved.</param>
/// <param name="ComplaintsMoved">Open complaints of the moved clients reassigned from the departing advisor to the new one.</param>
/// <param name="SkippedClientIds">The first skipped clients (at most 100), to look at.</param>
/// <param name="TasksMoved">Open tasks (open or snoozed) of the moved clients handed from the departing advisor to the new one.</param>
[GenerateSerializer, Immutable, Alias("WealthActors.HandoverStatus")]
public sealed record HandoverStatus(
    [property: Id(0)] string HandoverId,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] HandoverRunState Status,
    [property: Id(4)] int Total,
    [property: Id(5)] int Processed,
    [property: Id(6)] int Moved,
    [property: Id(7)] int Skipped,
    [property: Id(8)] int ComplaintsMoved,
    [property: Id(9)] DateTimeOffset RequestedAt,
    [property: Id(10)] DateTimeOffset? CompletedAt,
    [property: Id(11)] IReadOnlyList<string> SkippedClientIds,
    [property: Id(12)] string? RequestedBy,
    [property: Id(13)] int TasksMoved = 0,
    [property: Id(14)] int RequestsMoved = 0);

/// <summary>What moving one client found.</summary>
[GenerateSerializer, Alias("WealthActors.ClientHandoverOutcome")]
public enum ClientHandoverOutcome
{
    /// <summary>The client was the departing advisor's and is now the new one's.</summary>
    Moved = 0,

    /// <summary>The client was already the new advisor's (a step repeated after a restart).</summary>
    AlreadyMoved = 1,

    /// <summary>The client is another advisor's now, or does not exist: left as it is.</summary>
    NotTheirs = 2,
}

/// <summary>The client step's answer: what it found, and the client's open complaints (the next steps).</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ClientHandoverResult")]
public sealed record ClientHandoverResult(
    [property: Id(0)] ClientHandoverOutcome Outcome,
    [property: Id(1)] IReadOnlyList<string> OpenComplaints);
