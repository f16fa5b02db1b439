using WealthActors.Grains.Suitability;
using WealthActors.Suitability;

namespace WealthActors.Silo.Suitability;

public sealed record PutProductRequest(
    string? Name, ProductType? Type, ProductRisk? Risk, decimal? MinimumInvestment, int? TermMonths, string? Issuer,
    DateOnly? SaleStart, DateOnly? SaleEnd, bool? ProfessionalOnly, int? CoolingOffHours, ProductStatus? Status);

public sealed record RiskAssessmentRequest(
    Dictionary<string, string>? Answers, RiskLevel? Level, DateOnly? AssessedOn, bool? Professional, string? ProfessionalEvidence);

public sealed record SubscribeRequest(string? ProductCode, decimal? Amount);

public sealed record OverrideRequestBody(string? WarningEvidenceId, string? RecordingEvidenceId, string? Reason);

public sealed record DecisionBody(string? Comment);

/// <summary>The assessment now on file and when it expires.</summary>
public sealed record RiskAssessmentResponse(
    string ClientId, RiskLevel Level, DateOnly AssessedOn, DateOnly? ExpiresOn, bool Professional, int? Score, int? QuestionnaireVersion,
    string Source);

/// <summary>The gate's answer, and where the subscription stands.</summary>
public sealed record SubscriptionResponse(
    string SubscriptionId, SuitabilityDecision Decision, IReadOnlyList<SuitabilityReason> Reasons, SubscriptionStatus Status,
    string ClientId, string ProductCode, string ProductName, ProductRisk ProductRisk, RiskLevel? ClientRisk, decimal Amount,
    DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<string> Evidence, string? OverrideReason, DateTimeOffset? ApprovalRequestedAt,
    string? ApprovalPolicyId, int EscalationLevel, IReadOnlyList<DateTimeOffset?> EscalationDue, string? DecidedBy, DateTimeOffset? DecidedAt,
    string? DecisionComment, DateTimeOffset? CoolingOffEndsAt, DateTimeOffset? EffectiveAt)
{
    public static SubscriptionResponse From(SubscriptionView v) => new(
        v.SubscriptionId, v.Decision, v.Reasons, v.Status, v.ClientId, v.ProductCode, v.ProductName, v.ProductRisk, v.ClientRisk, v.Amount,
        v.CreatedAt, v.CreatedBy, v.Evidence, v.OverrideReason, v.ApprovalRequestedAt, v.ApprovalPolicyId, v.EscalationLevel, v.EscalationDue,
        v.DecidedBy, v.DecidedAt, v.DecisionComment, v.CoolingOffEndsAt, v.EffectiveAt);
}

public sealed record RecommendationResponse(
    string Code, string Name, ProductType Type, ProductRisk Risk, decimal MinimumInvestment, int? TermMonths, string? Issuer,
    double Score, bool FundedByMaturities, decimal FreedByMaturities, double TypeShare)
{
    public static RecommendationResponse From(Recommendation r) => new(
        r.Product.Code, r.Product.Name, r.Product.Type, r.Product.Risk, r.Product.MinimumInvestment, r.Product.TermMonths, r.Product.Issuer,
        r.Score, r.FundedByMaturities, r.FreedByMaturities, r.TypeShare);
}
