using WealthActors.Clients;
using WealthActors.Permissions;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Notifications;

namespace WealthActors.Silo.Apis.Upserts;

/// <summary>
/// Creating or replacing a client's profile: the checks and grain calls of <c>PUT /api/clients/{clientId}</c>, shared
/// with the Excel import so that a row is held to exactly what the route holds a request to.
/// </summary>
internal static class ClientUpsert
{
    /// <param name="skipUnchanged">Leave a client whose stored profile already equals the request untouched (no write, no new version).</param>
    /// <param name="keepUnlisted">
    /// A request without tags or an assessment date keeps the stored client's (an import sheet has no such columns),
    /// where the route's request replaces them. Needs <paramref name="skipUnchanged"/>, which reads the stored client.
    /// </param>
    /// <param name="known">Branches and advisors already seen to exist in this run, not asked again.</param>
    public static async Task<UpsertOutcome<ClientView>> Apply(
        string clientId, UpsertClientRequest body, HttpContext http, IGrainFactory grains, DateOnly today,
        bool skipUnchanged = false, bool keepUnlisted = false, KnownReferences? known = null)
    {
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Name(body.Name, "name", 100)
            .Id(body.BranchId, "branchId")
            .Id(body.AdvisorId, "advisorId")
            .Optional(body.Phone, "phone", 32)
            .Phone(body.Phone, "phone")
            .Optional(body.IdNumber, "idNumber", 32)
            .PastDate(body.Birthday, "birthday", today)
            .PastDate(body.RiskAssessedOn, "riskAssessedOn", today)
            .Check(body.Tags is null || (body.Tags.Count <= 50 && body.Tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= 32)), "tags", "at most 50 non-empty tags of up to 32 characters.")
            .ClientContactConsent(body);
        if (v.IsValid)
        {
            if (known?.HasBranch(body.BranchId!) != true)
            {
                await v.BranchExists(grains, body.BranchId!, "branchId");
            }

            if (known?.HasEmployee(body.AdvisorId!) != true)
            {
                await v.EmployeeExists(grains, body.AdvisorId!, "advisorId");
            }

            if (v.IsValid)
            {
                known?.Remember(body.BranchId!, body.AdvisorId!);
            }
        }

        if (!v.IsValid)
        {
            return UpsertOutcome<ClientView>.Refused(v);
        }

        // A person may change a client they reach, and may not hand it to a branch or advisor outside their reach.
        var client = grains.GetGrain<IClientGrain>(clientId);
        // Consent and the WeCom contact are kept unless named: core banking's pushes do not carry what an advisor recorded.
        var stored = skipUnchanged || CallerAccess.IsPerson(http) || body.WeComExternalUserId is null || body.UpdateConsent is null
            ? await StoredView(client)
            : null;
        if (CallerAccess.IsPerson(http) && stored is not null)
        {
            await CallerAccess.Require(http, grains, Access.Write, NotFound(clientId), stored.Profile.BranchId, stored.Profile.AdvisorId);
        }

        await CallerAccess.Require(http, grains, Access.Write, NotFound(clientId), body.BranchId!, body.AdvisorId);
        var kept = keepUnlisted ? stored?.Profile : null;
        var profile = new ClientProfile(
            body.Name!.Trim(), body.Birthday, body.Phone, body.IdNumber, body.BranchId!, body.AdvisorId!, body.Vip ?? false,
            body.RiskLevel, body.RiskAssessedOn ?? kept?.RiskAssessedOn, body.Tags ?? kept?.Tags ?? [],
            ClientContactFields.ExternalUserId(body, stored?.Profile), ClientContactFields.Consent(body, stored?.Profile));
        if (skipUnchanged && stored is not null && Same(stored.Profile, profile))
        {
            return new UpsertOutcome<ClientView>(v, stored, Changed: false);
        }

        return new UpsertOutcome<ClientView>(v, await client.Upsert(profile, ApiActor.Caller(http)), Changed: true);
    }

    internal static string NotFound(string clientId) => $"Client '{clientId}' does not exist.";

    private static async Task<ClientView?> StoredView(IClientGrain client) => await client.Exists() ? await client.GetView() : null;

    // Records compare lists by reference; the grain keeps tags de-duplicated, so compare them the same way.
    private static bool Same(ClientProfile stored, ClientProfile wanted) =>
        stored with { Tags = [], UpdateConsent = null } == wanted with { Tags = [], UpdateConsent = null }
        && stored.Tags.SequenceEqual(wanted.Tags.Distinct(StringComparer.Ordinal), StringComparer.Ordinal)
        && (stored.UpdateConsent ?? []).SequenceEqual(wanted.UpdateConsent ?? [], StringComparer.Ordinal);
}
