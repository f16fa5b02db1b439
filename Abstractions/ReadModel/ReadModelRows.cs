namespace WealthActors.ReadModel;

/// <summary>A row a grain publishes about itself: a <see cref="ClientRow"/> or a <see cref="ComplaintRow"/>.</summary>
public interface IReadModelRow;

/// <summary>A client as projected into the read model, for search and scheduled scans. Never the source of truth.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ClientRow")]
public sealed record ClientRow(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Name,
    [property: Id(2)] string BranchId,
    [property: Id(3)] string AdvisorId,
    [property: Id(4)] ClientTier Tier,
    [property: Id(5)] bool Vip,
    [property: Id(6)] decimal Aum,
    [property: Id(7)] DateOnly? Birthday,
    [property: Id(8)] DateOnly? RiskExpiresOn,
    [property: Id(9)] DateTimeOffset? LastInteractionAt,
    [property: Id(10)] DateOnly? NextMaturity,
    [property: Id(11)] LifecycleStage Lifecycle,
    [property: Id(12)] int OpenComplaints,
    [property: Id(13)] DateTimeOffset UpdatedAt,
    [property: Id(14)] DateTimeOffset? ClientSince = null,
    [property: Id(15)] IReadOnlyList<HoldingRow>? Holdings = null,
    [property: Id(16)] IReadOnlyList<InteractionRow>? NewInteractions = null) : IReadModelRow;

/// <summary>
/// One holding of a client as projected for the care scans (a client may hold several maturing products). Published
/// with its <see cref="ClientRow"/>, which replaces the client's holdings; rows read back for search carry none.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.HoldingRow")]
public sealed record HoldingRow(
    [property: Id(0)] string ProductCode,
    [property: Id(1)] string ProductName,
    [property: Id(2)] DateOnly? MaturityDate,
    [property: Id(3)] decimal Amount);

/// <summary>
/// A complaint as projected into the read model, for lists by branch, status and SLA state. <see cref="CalendarId"/> is
/// the business calendar its clock counts in; <see cref="AwaitedCalendarId"/> the one its policy names when the catalog
/// does not have that yet (the clock counts in the default meanwhile), so creating it re-arms the case at once.
/// <see cref="FirstResponseMinutes"/> is SLA clock time (working time on a business clock) to the first response;
/// <see cref="FirstResponseMet"/> and <see cref="ResolutionMet"/> are null until the case gets that far. They feed the
/// complaint register and the console's reports.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ComplaintRow")]
public sealed record ComplaintRow(
    [property: Id(0)] string ComplaintId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string BranchId,
    [property: Id(3)] string? Assignee,
    [property: Id(4)] ComplaintStatus Status,
    [property: Id(5)] SlaState SlaState,
    [property: Id(6)] Severity Severity,
    [property: Id(7)] string Category,
    [property: Id(8)] int EscalationLevel,
    [property: Id(9)] DateTimeOffset OpenedAt,
    [property: Id(10)] DateTimeOffset? NextDeadline,
    [property: Id(11)] DateTimeOffset? ResolutionDue,
    [property: Id(12)] DateTimeOffset UpdatedAt,
    [property: Id(13)] string? CalendarId = null,
    [property: Id(14)] DateTimeOffset? BreachedAt = null,
    [property: Id(15)] DateTimeOffset? LastEscalatedAt = null,
    [property: Id(16)] string? AwaitedCalendarId = null,
    [property: Id(17)] string? Channel = null,
    [property: Id(18)] DateTimeOffset? RespondedAt = null,
    [property: Id(19)] DateTimeOffset? ResolvedAt = null,
    [property: Id(20)] int? FirstResponseMinutes = null,
    [property: Id(21)] bool? FirstResponseMet = null,
    [property: Id(22)] bool? ResolutionMet = null) : IReadModelRow;

[GenerateSerializer, Immutable, Alias("WealthActors.ComplaintFilter")]
public sealed record ComplaintFilter(
    [property: Id(0)] string? BranchId = null,
    [property: Id(1)] ComplaintStatus? Status = null,
    [property: Id(2)] SlaState? SlaState = null,
    [property: Id(3)] string? Assignee = null,
    [property: Id(4)] bool OpenOnly = false,
    [property: Id(5)] int Limit = 100,
    [property: Id(6)] Permissions.AccessScope? Scope = null,
    [property: Id(7)] string? Category = null,
    [property: Id(8)] Severity? Severity = null,
    [property: Id(9)] int Offset = 0,
    [property: Id(10)] ComplaintOrder Order = ComplaintOrder.Urgency,
    [property: Id(11)] string? ClientId = null,
    [property: Id(12)] TimeRange? Opened = null,
    [property: Id(13)] TimeRange? Breached = null,
    [property: Id(14)] TimeRange? Escalated = null,
    [property: Id(15)] MinuteRange? FirstResponse = null);

/// <summary>The instants from <see cref="From"/> up to, not including, <see cref="To"/>.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.TimeRange")]
public sealed record TimeRange([property: Id(0)] DateTimeOffset From, [property: Id(1)] DateTimeOffset To)
{
    public bool Contains(DateTimeOffset? instant) => instant >= From && instant < To;
}

/// <summary>SLA clock minutes from <see cref="From"/> up to, not including, <see cref="To"/> (null: no upper bound).</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.MinuteRange")]
public sealed record MinuteRange([property: Id(0)] int From, [property: Id(1)] int? To)
{
    public bool Contains(int? minutes) => minutes >= From && (To is null || minutes < To);
}

/// <summary>The orders a complaint list can be read in; every one ends on the complaint id, so pages never overlap.</summary>
public enum ComplaintOrder
{
    /// <summary>The nearest next deadline first, complaints without one last, then the oldest.</summary>
    Urgency,

    /// <summary>The most recently opened first.</summary>
    Newest,

    /// <summary>The most severe first, then by urgency.</summary>
    Severity,

    /// <summary>The highest escalation level first, then by urgency.</summary>
    Escalation,
}
