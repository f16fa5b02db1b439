using WealthActors.Clients;

namespace WealthActors.Silo.Apis;

public sealed record UpsertClientRequest(
    string? Name, DateOnly? Birthday, string? Phone, string? IdNumber, string? BranchId, string? AdvisorId, bool? Vip,
    RiskLevel? RiskLevel, DateOnly? RiskAssessedOn, IReadOnlyList<string>? Tags);

public sealed record AddHoldingRequest(string? ProductCode, string? ProductName, ProductRisk? ProductRisk, decimal? Amount, DateOnly? MaturityDate);

public sealed record LogInteractionRequest(InteractionKind? Kind, DateTimeOffset? At, string? EmployeeId, string? Note);

public sealed record ClientProfileResponse(
    string Name, DateOnly? Birthday, string? Phone, string? IdNumber, string BranchId, string AdvisorId, bool ManualVip,
    RiskLevel? RiskLevel, DateOnly? RiskAssessedOn, IReadOnlyList<string> Tags);

public sealed record ClientResponse(
    string ClientId, ClientProfileResponse Profile, ClientTier Tier, bool Vip, decimal Aum, IReadOnlyList<Holding> Holdings,
    RiskResponse Risk, IReadOnlyList<HouseholdMember> Household, IReadOnlyList<Interaction> RecentInteractions,
    IReadOnlyList<string> OpenComplaints, LifecycleStage Lifecycle, DateTimeOffset? LastInteractionAt)
{
    /// <summary>The 360° view; phone and id number are masked unless the caller may see personal data.</summary>
    public static ClientResponse From(ClientView v, bool seesPersonalData)
    {
        var p = v.Profile;
        var profile = new ClientProfileResponse(
            p.Name, p.Birthday,
            seesPersonalData ? p.Phone : PersonalDataMask.Phone(p.Phone),
            seesPersonalData ? p.IdNumber : PersonalDataMask.IdNumber(p.IdNumber),
            p.BranchId, p.AdvisorId, p.ManualVip, p.RiskLevel, p.RiskAssessedOn, p.Tags);
        return new ClientResponse(
            v.ClientId, profile, v.Tier, v.Vip, v.Aum, v.Holdings, new RiskResponse(p.RiskLevel, p.RiskAssessedOn, v.RiskExpiresOn),
            v.Household, v.RecentInteractions, v.OpenComplaints, v.Lifecycle, v.LastInteractionAt);
    }
}

public sealed record RiskResponse(RiskLevel? Level, DateOnly? AssessedOn, DateOnly? ExpiresOn);
