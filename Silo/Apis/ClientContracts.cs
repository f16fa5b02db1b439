using WealthActors.Clients;
using WealthActors.Privacy;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Apis;

/// <param name="WeComExternalUserId">The client's WeCom external contact id (客户联系); left out: the stored one is kept, <c>""</c> clears it.</param>
/// <param name="UpdateConsent">The channels (<c>wecom</c>, <c>sms</c>) the client consented to be told of their complaints' progress through; left out: kept, <c>[]</c>: none.</param>
public sealed record UpsertClientRequest(
    string? Name, DateOnly? Birthday, string? Phone, string? IdNumber, string? BranchId, string? AdvisorId, bool? Vip,
    RiskLevel? RiskLevel, DateOnly? RiskAssessedOn, IReadOnlyList<string>? Tags,
    string? WeComExternalUserId = null, IReadOnlyList<string?>? UpdateConsent = null);

public sealed record AddHoldingRequest(string? ProductCode, string? ProductName, ProductRisk? ProductRisk, decimal? Amount, DateOnly? MaturityDate);

/// <summary>The whole household of a client: replaces what it had.</summary>
public sealed record SetHouseholdRequest(IReadOnlyList<HouseholdMemberRequest?>? Members);

public sealed record HouseholdMemberRequest(string? ClientId, string? Relation);

public sealed record LogInteractionRequest(InteractionKind? Kind, DateTimeOffset? At, string? EmployeeId, string? Note);

/// <summary>A client's profile as the caller may see it: <see cref="Birthday"/> is <c>yyyy-MM-dd</c>, <c>--MM-dd</c> or hidden.</summary>
public sealed record ClientProfileResponse(
    string Name, string? Birthday, string? Phone, string? IdNumber, string BranchId, string AdvisorId, bool ManualVip,
    RiskLevel? RiskLevel, DateOnly? RiskAssessedOn, IReadOnlyList<string> Tags, IReadOnlyList<string> UpdateConsent, bool HasWeComContact);

public sealed record ClientResponse(
    string ClientId, ClientProfileResponse Profile, ClientTier Tier, bool Vip, decimal Aum, IReadOnlyList<Holding> Holdings,
    RiskResponse Risk, IReadOnlyList<HouseholdMember> Household, IReadOnlyList<Interaction> RecentInteractions,
    IReadOnlyList<string> OpenComplaints, LifecycleStage Lifecycle, DateTimeOffset? LastInteractionAt)
{
    /// <summary>The 360° view, its personal fields masked as <paramref name="mask"/> says.</summary>
    public static ClientResponse From(ClientView v, ClientMask mask)
    {
        var p = v.Profile;
        var profile = new ClientProfileResponse(
            p.Name, PersonalDataMask.Birthday(p.Birthday, mask.Birthday),
            PersonalDataMask.Phone(p.Phone, mask.Phone),
            PersonalDataMask.IdNumber(p.IdNumber, mask.IdNumber),
            p.BranchId, p.AdvisorId, p.ManualVip, p.RiskLevel, p.RiskAssessedOn, p.Tags, p.UpdateConsent ?? [], p.WeComExternalUserId is not null);
        return new ClientResponse(
            v.ClientId, profile, v.Tier, v.Vip, v.Aum, v.Holdings, new RiskResponse(p.RiskLevel, p.RiskAssessedOn, v.RiskExpiresOn, v.ProfessionalInvestor),
            v.Household, v.RecentInteractions, v.OpenComplaints, v.Lifecycle, v.LastInteractionAt);
    }
}

public sealed record RiskResponse(RiskLevel? Level, DateOnly? AssessedOn, DateOnly? ExpiresOn, bool Professional = false);

/// <summary>A client in a list or search result, its birthday masked as the caller's rules say.</summary>
public sealed record ClientListItem(
    string ClientId, string Name, string BranchId, string AdvisorId, ClientTier Tier, bool Vip, decimal Aum, string? Birthday,
    DateOnly? RiskExpiresOn, DateTimeOffset? LastInteractionAt, DateOnly? NextMaturity, LifecycleStage Lifecycle,
    int OpenComplaints, DateTimeOffset UpdatedAt, DateTimeOffset? ClientSince)
{
    public static ClientListItem From(ClientRow r, ClientMask mask) => new(
        r.ClientId, r.Name, r.BranchId, r.AdvisorId, r.Tier, r.Vip, r.Aum, PersonalDataMask.Birthday(r.Birthday, mask.Birthday),
        r.RiskExpiresOn, r.LastInteractionAt, r.NextMaturity, r.Lifecycle, r.OpenComplaints, r.UpdatedAt, r.ClientSince);
}
