namespace WealthActors.Suitability;

[GenerateSerializer, Alias("WealthActors.SuitabilityDecision")]
public enum SuitabilityDecision { Suitable = 0, Blocked = 1, NeedsOverride = 2 }

/// <summary>Why a sale is not simply suitable. Only <see cref="RiskExceeded"/> may be overridden.</summary>
[GenerateSerializer, Alias("WealthActors.SuitabilityReason")]
public enum SuitabilityReason
{
    RiskExceeded = 0,
    NoAssessment = 1,
    AssessmentExpired = 2,
    BelowMinimum = 3,
    NotOnSale = 4,
    NotProfessional = 5,
}

/// <summary>
/// What suitability needs to know of a client: the assessed level, when the assessment stops being valid (exclusive:
/// on that date it is expired), and whether the client is a professional investor (专业投资者).
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ClientRiskProfile")]
public sealed record ClientRiskProfile(
    [property: Id(0)] RiskLevel? Level,
    [property: Id(1)] DateOnly? ExpiresOn,
    [property: Id(2)] bool Professional);

/// <summary>The gate's answer: the decision and every reason that led to it (empty when suitable).</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.SuitabilityVerdict")]
public sealed record SuitabilityVerdict(
    [property: Id(0)] SuitabilityDecision Decision,
    [property: Id(1)] IReadOnlyList<SuitabilityReason> Reasons);
