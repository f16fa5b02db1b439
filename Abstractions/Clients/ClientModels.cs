namespace WealthActors.Clients;

/// <summary>
/// The profile a core-banking system or an advisor pushes for a client. <see cref="WeComExternalUserId"/> is the client's
/// WeCom external contact id (客户联系), and <see cref="UpdateConsent"/> the channels (<c>wecom</c>, <c>sms</c>) the client
/// agreed to be told of their complaints' progress through; null or empty: none.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ClientProfile")]
public sealed record ClientProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] DateOnly? Birthday,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string? IdNumber,
    [property: Id(4)] string BranchId,
    [property: Id(5)] string AdvisorId,
    [property: Id(6)] bool ManualVip,
    [property: Id(7)] RiskLevel? RiskLevel,
    [property: Id(8)] DateOnly? RiskAssessedOn,
    [property: Id(9)] IReadOnlyList<string> Tags,
    [property: Id(10)] string? WeComExternalUserId = null,
    [property: Id(11)] IReadOnlyList<string>? UpdateConsent = null);

[GenerateSerializer, Immutable, Alias("WealthActors.Holding")]
public sealed record Holding(
    [property: Id(0)] string ProductCode,
    [property: Id(1)] string ProductName,
    [property: Id(2)] ProductRisk ProductRisk,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] DateOnly? MaturityDate);

[GenerateSerializer, Immutable, Alias("WealthActors.Interaction")]
public sealed record Interaction(
    [property: Id(0)] InteractionKind Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string EmployeeId,
    [property: Id(3)] string Note);

[GenerateSerializer, Immutable, Alias("WealthActors.HouseholdMember")]
public sealed record HouseholdMember(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Relation);

/// <summary>The 360° view of a client. Personal data is masked by the caller's layer according to who asks.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ClientView")]
public sealed record ClientView(
    [property: Id(0)] string ClientId,
    [property: Id(1)] ClientProfile Profile,
    [property: Id(2)] ClientTier Tier,
    [property: Id(3)] bool Vip,
    [property: Id(4)] decimal Aum,
    [property: Id(5)] IReadOnlyList<Holding> Holdings,
    [property: Id(6)] IReadOnlyList<HouseholdMember> Household,
    [property: Id(7)] IReadOnlyList<Interaction> RecentInteractions,
    [property: Id(8)] IReadOnlyList<string> OpenComplaints,
    [property: Id(9)] LifecycleStage Lifecycle,
    [property: Id(10)] DateOnly? RiskExpiresOn,
    [property: Id(11)] DateTimeOffset? LastInteractionAt,
    [property: Id(12)] bool ProfessionalInvestor = false,
    [property: Id(13)] WealthActors.Suitability.RiskAssessment? Assessment = null);
