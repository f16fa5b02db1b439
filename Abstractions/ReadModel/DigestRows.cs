namespace WealthActors.ReadModel;

/// <summary>A branch or region as projected into the read model, for jobs that visit every branch.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.BranchRow")]
public sealed record BranchRow(
    [property: Id(0)] string BranchId,
    [property: Id(1)] string Name,
    [property: Id(2)] string HeadEmployeeId,
    [property: Id(3)] string? ParentBranchId,
    [property: Id(4)] string? CalendarId,
    [property: Id(5)] DateTimeOffset UpdatedAt);

/// <summary>
/// A branch's SLA picture at one instant: its open (not resolved) complaints by SLA state, how many complaints breached
/// or escalated since a given instant, and the open complaints longest past their first breached deadline.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.BranchSlaSummary")]
public sealed record BranchSlaSummary(
    [property: Id(0)] string BranchId,
    [property: Id(1)] int OnTrack,
    [property: Id(2)] int AtRisk,
    [property: Id(3)] int Breached,
    [property: Id(4)] int Paused,
    [property: Id(5)] int BreachedSince,
    [property: Id(6)] int EscalatedSince,
    [property: Id(7)] IReadOnlyList<ComplaintRow> MostOverdue);
