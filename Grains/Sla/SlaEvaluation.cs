namespace WealthActors.Grains.Sla;

/// <summary>The SLA picture of a case at one instant.</summary>
/// <param name="State">Summary for people and queries.</param>
/// <param name="Due">Events due at the evaluated instant that have not fired yet, ordered by due instant, then level.</param>
/// <param name="NextDeadline">Earliest unfired event strictly after the evaluated instant; null when nothing is pending.</param>
/// <param name="FirstResponseDue">Null once responded, or while stopped before reaching it.</param>
/// <param name="ResolutionDue">Null once resolved, or while stopped before reaching it.</param>
/// <param name="RegulatoryDue">Receipt + 15 days (30 if extended).</param>
/// <param name="EscalationDue">Per ladder step (index = level - 1); null while stopped before reaching it.</param>
public sealed record SlaEvaluation(
    SlaState State,
    IReadOnlyList<SlaEvent> Due,
    DateTimeOffset? NextDeadline,
    DateTimeOffset? FirstResponseDue,
    DateTimeOffset? ResolutionDue,
    DateTimeOffset RegulatoryDue,
    IReadOnlyList<DateTimeOffset?> EscalationDue);
