namespace WealthActors.Sla;

/// <summary>
/// A service-level policy: which cases it applies to, its targets, how its clock counts time and its escalation ladder.
/// Policies are data and versioned; a case keeps the snapshot (with <see cref="Version"/>) it was opened under.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.SlaPolicy")]
public sealed record SlaPolicy(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int Version,
    [property: Id(3)] PolicyMatch Match,
    [property: Id(4)] int Priority,
    [property: Id(5)] ClockKind Clock,
    [property: Id(6)] string? CalendarId,
    [property: Id(7)] TimeSpan FirstResponse,
    [property: Id(8)] TimeSpan Resolution,
    [property: Id(9)] double WarnAt,
    [property: Id(10)] IReadOnlyList<EscalationStep> Escalations);

/// <summary>
/// Which cases a policy applies to; a null or empty criterion matches anything, except <see cref="Kind"/>: a policy
/// without one is a complaint policy (every policy written before tasks and service requests existed was one), so
/// complaint policies never reach the other kinds of case.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.PolicyMatch")]
public sealed record PolicyMatch(
    [property: Id(0)] bool? Vip = null,
    [property: Id(1)] IReadOnlyList<ClientTier>? Tiers = null,
    [property: Id(2)] IReadOnlyList<string>? Categories = null,
    [property: Id(3)] IReadOnlyList<Severity>? Severities = null,
    [property: Id(4)] CaseKind? Kind = null)
{
    /// <summary>The kind of case this policy applies to.</summary>
    public CaseKind CaseKind => Kind ?? CaseKind.Complaint;
}

/// <summary>The kinds of case the one SLA engine runs: each picks its policies from the same catalog.</summary>
[GenerateSerializer, Alias("WealthActors.CaseKind")]
public enum CaseKind { Complaint = 0, Task = 1, ServiceRequest = 2 }

/// <summary>One rung of the escalation ladder: after <see cref="After"/> of SLA clock time, reach <see cref="ToRole"/>.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.EscalationStep")]
public sealed record EscalationStep(
    [property: Id(0)] TimeSpan After,
    [property: Id(1)] EmployeeRole ToRole,
    [property: Id(2)] EscalationAction Action);

[GenerateSerializer, Alias("WealthActors.ClockKind")]
public enum ClockKind { Calendar = 0, Business = 1 }

[GenerateSerializer, Alias("WealthActors.EscalationAction")]
public enum EscalationAction { Notify = 0, Reassign = 1 }

/// <summary>The facts about a case that select its policy.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.PolicySubject")]
public sealed record PolicySubject(
    [property: Id(0)] bool Vip,
    [property: Id(1)] ClientTier Tier,
    [property: Id(2)] string Category,
    [property: Id(3)] Severity Severity,
    [property: Id(4)] CaseKind Kind = CaseKind.Complaint);
