namespace WealthActors.Suitability;

/// <summary>
/// Where a subscription stands. <see cref="AwaitingOverride"/>: only the risk level is exceeded and nobody has asked
/// for an override yet; <see cref="PendingApproval"/>: the signed warning and the recording are attached and compliance
/// decides; <see cref="CoolingOff"/>: confirmed, effective when the 冷静期 ends.
/// </summary>
[GenerateSerializer, Alias("WealthActors.SubscriptionStatus")]
public enum SubscriptionStatus { Blocked = 0, AwaitingOverride = 1, PendingApproval = 2, Rejected = 3, CoolingOff = 4, Effective = 5 }

[GenerateSerializer, Immutable, Alias("WealthActors.SubscriptionRequest")]
public sealed record SubscriptionRequest(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string ProductCode,
    [property: Id(2)] decimal Amount);

/// <summary>The evidence an override needs: the signed 风险不匹配警示书 and the 双录 recording, and why the client insists.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.OverrideRequest")]
public sealed record OverrideRequest(
    [property: Id(0)] string WarningEvidenceId,
    [property: Id(1)] string RecordingEvidenceId,
    [property: Id(2)] string? Reason);

[GenerateSerializer, Immutable, Alias("WealthActors.SubscriptionView")]
public sealed record SubscriptionView(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string ProductCode,
    [property: Id(3)] string ProductName,
    [property: Id(4)] ProductRisk ProductRisk,
    [property: Id(5)] RiskLevel? ClientRisk,
    [property: Id(6)] decimal Amount,
    [property: Id(7)] SuitabilityDecision Decision,
    [property: Id(8)] IReadOnlyList<SuitabilityReason> Reasons,
    [property: Id(9)] SubscriptionStatus Status,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] string CreatedBy,
    [property: Id(12)] IReadOnlyList<string> Evidence,
    [property: Id(13)] string? OverrideReason,
    [property: Id(14)] DateTimeOffset? ApprovalRequestedAt,
    [property: Id(15)] int EscalationLevel,
    [property: Id(16)] string? DecidedBy,
    [property: Id(17)] DateTimeOffset? DecidedAt,
    [property: Id(18)] string? DecisionComment,
    [property: Id(19)] DateTimeOffset? CoolingOffEndsAt,
    [property: Id(20)] DateTimeOffset? EffectiveAt,
    [property: Id(21)] string BranchId,
    [property: Id(22)] string AdvisorId,
    [property: Id(23)] string? ApprovalPolicyId,
    [property: Id(24)] IReadOnlyList<DateTimeOffset?> EscalationDue);

/// <summary>One subscription attempt (key: its id), its suitability decision and what followed.</summary>
[Alias("WealthActors.ISubscriptionGrain")]
public interface ISubscriptionGrain : IGrainWithStringKey
{
    /// <summary>Runs the suitability gate and records the decision; a second call for the same id is 409.</summary>
    [Alias("Create")]
    Task<SubscriptionView> Create(SubscriptionRequest request, Actor actor);

    /// <summary>404 for an unknown id.</summary>
    [Alias("GetView"), ReadOnly]
    Task<SubscriptionView> GetView();

    /// <summary>Attaches the override's evidence and asks compliance to approve (only while <see cref="SubscriptionStatus.AwaitingOverride"/>).</summary>
    [Alias("RequestOverride")]
    Task<SubscriptionView> RequestOverride(OverrideRequest request, Actor actor);

    /// <summary>Compliance approves or rejects a pending override; the actor is the approver.</summary>
    [Alias("DecideOverride")]
    Task<SubscriptionView> DecideOverride(bool approve, string? comment, Actor actor);
}
