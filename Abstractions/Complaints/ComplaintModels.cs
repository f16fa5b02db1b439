namespace WealthActors.Complaints;

[GenerateSerializer, Immutable, Alias("WealthActors.OpenComplaint")]
public sealed record OpenComplaint(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Category,
    [property: Id(2)] Severity Severity,
    [property: Id(3)] string Channel,
    [property: Id(4)] string Description,
    [property: Id(5)] string? PolicyId);

/// <summary>One rung of a complaint's ladder as planned now: when it is due (null while the clock is paused) and who it reaches.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.EscalationPlan")]
public sealed record EscalationPlan(
    [property: Id(0)] int Level,
    [property: Id(1)] DateTimeOffset? Due,
    [property: Id(2)] EmployeeRole ToRole,
    [property: Id(3)] string? ToEmployeeId,
    [property: Id(4)] DateTimeOffset? FiredAt);

[GenerateSerializer, Immutable, Alias("WealthActors.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string By,
    [property: Id(3)] string? Text,
    [property: Id(4)] string? Via = null);

[GenerateSerializer, Immutable, Alias("WealthActors.ComplaintView")]
public sealed record ComplaintView(
    [property: Id(0)] string ComplaintId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string BranchId,
    [property: Id(3)] string Category,
    [property: Id(4)] Severity Severity,
    [property: Id(5)] string Channel,
    [property: Id(6)] string Description,
    [property: Id(7)] ComplaintStatus Status,
    [property: Id(8)] string? Assignee,
    [property: Id(9)] SlaState SlaState,
    [property: Id(10)] int EscalationLevel,
    [property: Id(11)] string PolicyId,
    [property: Id(12)] int PolicyVersion,
    [property: Id(13)] DateTimeOffset OpenedAt,
    [property: Id(14)] DateTimeOffset? FirstResponseDue,
    [property: Id(15)] DateTimeOffset? ResolutionDue,
    [property: Id(16)] DateTimeOffset RegulatoryDue,
    [property: Id(17)] IReadOnlyList<EscalationPlan> Escalations,
    [property: Id(18)] IReadOnlyList<TimelineEntry> Timeline,
    [property: Id(19)] long TimelineStart = 0);

/// <summary>One event of a complaint's timeline with its number (events are numbered from 0 at opening).</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.NumberedTimelineEntry")]
public sealed record NumberedTimelineEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] TimelineEntry Entry);
