using WealthActors.Sla;

namespace WealthActors.Grains.Suitability;

/// <summary>
/// The SLA policy an override approval runs under while the SLA policy catalog holds none under
/// <see cref="SuitabilityOptions.ApprovalPolicyId"/>: compliance should decide within 4 hours; after 8 hours the branch
/// head hears of it, after 24 the regional head. An administrator replaces it with
/// <c>PUT /api/sla-policies/suitability-override</c> (its match is for complaints and plays no part here).
/// </summary>
public static class DefaultApprovalPolicy
{
    public const string Id = "suitability-override";

    /// <summary>The category an approval case presents to a policy's match, for firms that match rather than name.</summary>
    public const string Category = "SuitabilityOverride";

    public static SlaPolicy Value { get; } = new(
        Id,
        "适当性豁免审批 Suitability override approval",
        Version: 1,
        Match: new PolicyMatch(Categories: new[] { Category }),
        Priority: 0,
        Clock: ClockKind.Calendar,
        CalendarId: null,
        FirstResponse: TimeSpan.FromHours(4),
        Resolution: TimeSpan.FromDays(1),
        WarnAt: 0.8,
        Escalations: new[]
        {
            new EscalationStep(TimeSpan.FromHours(8), EmployeeRole.BranchHead, EscalationAction.Notify),
            new EscalationStep(TimeSpan.FromHours(24), EmployeeRole.RegionalHead, EscalationAction.Notify),
        });
}
