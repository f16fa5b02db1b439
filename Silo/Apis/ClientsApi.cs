using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Permissions;
using WealthActors.Privacy;
using WealthActors.ReadModel;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Privacy;

namespace WealthActors.Silo.Apis;

public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/clients").WithTags("Clients");
        group.MapPut("/{clientId}", Upsert).RequireAuthorization(AuthHostingExtensions.Policies.Integrate);
        group.MapGet("/{clientId}", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read);
        group.MapGet("/", Search).RequireAuthorization(AuthHostingExtensions.Policies.Read);
        group.MapPost("/{clientId}/holdings", AddHolding).RequireAuthorization(AuthHostingExtensions.Policies.Integrate);
        group.MapPost("/{clientId}/interactions", LogInteraction).RequireAuthorization(AuthHostingExtensions.Policies.Work);
        group.MapPut("/{clientId}/household", SetHousehold).RequireAuthorization(AuthHostingExtensions.Policies.Integrate);
        return routes;
    }

    private static async Task<IResult> Upsert(
        string clientId, UpsertClientRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock, MaskingRules masking)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Name(body.Name, "name", 100)
            .Id(body.BranchId, "branchId")
            .Id(body.AdvisorId, "advisorId")
            .Optional(body.Phone, "phone", 32)
            .Optional(body.IdNumber, "idNumber", 32)
            .PastDate(body.Birthday, "birthday", today)
            .PastDate(body.RiskAssessedOn, "riskAssessedOn", today)
            .Check(body.Tags is null || (body.Tags.Count <= 50 && body.Tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= 32)), "tags", "at most 50 non-empty tags of up to 32 characters.");
        if (v.IsValid)
        {
            await v.BranchExists(grains, body.BranchId!, "branchId");
            await v.EmployeeExists(grains, body.AdvisorId!, "advisorId");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        // A person may change a client they reach, and may not hand it to a branch or advisor outside their reach.
        var client = grains.GetGrain<IClientGrain>(clientId);
        if (CallerAccess.IsPerson(http) && await client.Exists())
        {
            var stored = (await client.GetView()).Profile;
            await CallerAccess.Require(http, grains, Access.Write, NotFound(clientId), stored.BranchId, stored.AdvisorId);
        }

        await CallerAccess.Require(http, grains, Access.Write, NotFound(clientId), body.BranchId!, body.AdvisorId);
        var profile = new ClientProfile(
            body.Name!.Trim(), body.Birthday, body.Phone, body.IdNumber, body.BranchId!, body.AdvisorId!, body.Vip ?? false,
            body.RiskLevel, body.RiskAssessedOn, body.Tags ?? []);
        var view = await client.Upsert(profile, ApiActor.Caller(http));
        return TypedResults.Ok(ClientResponse.From(view, await CallerMask.Of(http, grains, masking)));
    }

    private static async Task<IResult> Get(string clientId, HttpContext http, IGrainFactory grains, IAuditTrail audit, MaskingRules masking)
    {
        var v = new RequestValidation().Id(clientId, "clientId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var view = await grains.GetGrain<IClientGrain>(clientId).GetView();
        await CallerAccess.Require(http, grains, Access.Read, NotFound(clientId), view.Profile.BranchId, view.Profile.AdvisorId);
        var mask = await CallerMask.Of(http, grains, masking);
        if (mask.RevealsAny)
        {
            await AuditUnmaskedRead(http, audit, "client", clientId);
        }

        return TypedResults.Ok(ClientResponse.From(view, mask));
    }

    private static async Task<IResult> Search(
        string? q, int? limit, HttpContext http, IGrainFactory grains, IReadModelQueries readModel, IAuditTrail audit, MaskingRules masking)
    {
        var v = new RequestValidation()
            .Require(q, "q", 100)
            .Check(limit is null or (>= 1 and <= 200), "limit", "must be between 1 and 200.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var rows = await readModel.SearchClients(q!.Trim(), limit ?? 20, await CallerAccess.Scope(http, grains));
        var mask = await CallerMask.Of(http, grains, masking);
        if (mask.Birthday == MaskLevel.Full && rows.Any(r => r.Birthday is not null))
        {
            await AuditUnmaskedRead(http, audit, "client-search", string.Join(',', rows.Select(r => r.ClientId)));
        }

        return TypedResults.Ok(rows.Select(r => ClientListItem.From(r, mask)).ToList());
    }

    private static async Task<IResult> AddHolding(
        string clientId, AddHoldingRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock, MaskingRules masking)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Id(body.ProductCode, "productCode")
            .Name(body.ProductName, "productName", 100)
            .Date(body.MaturityDate, "maturityDate", today)
            .Check(body.ProductRisk is not null, "productRisk", "is required: one of R1…R5.")
            .Check(body.Amount is not null, "amount", "is required.")
            .Check(body.Amount is null or >= 0, "amount", "must not be negative.")
            .Check(body.Amount is null or < 1_000_000_000_000m, "amount", "is implausibly large.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var holding = new Holding(body.ProductCode!, body.ProductName!.Trim(), body.ProductRisk!.Value, body.Amount!.Value, body.MaturityDate);
        await RequireWritable(http, grains, clientId);
        var view = await grains.GetGrain<IClientGrain>(clientId).AddHolding(holding, ApiActor.Caller(http));
        return TypedResults.Ok(ClientResponse.From(view, await CallerMask.Of(http, grains, masking)));
    }

    private static async Task<IResult> LogInteraction(string clientId, LogInteractionRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Check(body.Kind is not null, "kind", "is required.")
            .Require(body.Note, "note", 4000)
            .PastInstant(body.At, "at", now);
        // A person logs their own interaction; a system names the employee who had it.
        var actor = await ApiActor.Resolve(http, grains, body.EmployeeId, "employeeId", v);
        v.Check(actor.Kind == ActorKind.Employee, "employeeId", "is required.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        await RequireWritable(http, grains, clientId);
        var interaction = new Interaction(body.Kind!.Value, body.At ?? now, actor.Id, body.Note!.Trim());
        await grains.GetGrain<IClientGrain>(clientId).LogInteraction(interaction, actor);
        return TypedResults.Created($"/api/clients/{clientId}", interaction);
    }

    private const int MaxHousehold = 20;

    private static async Task<IResult> SetHousehold(
        string clientId, SetHouseholdRequest body, HttpContext http, IGrainFactory grains, MaskingRules masking)
    {
        var members = body.Members ?? [];
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Check(body.Members is not null, "members", "is required (an empty list clears the household).")
            .Check(members.Count <= MaxHousehold, "members", $"holds at most {MaxHousehold} related clients.");
        for (var i = 0; i < members.Count && v.IsValid; i++)
        {
            var member = members[i];
            v.Check(member is not null, $"members[{i}]", "is required.");
            v.Id(member?.ClientId, $"members[{i}].clientId").Name(member?.Relation, $"members[{i}].relation", 32);
            v.Check(!string.Equals(member?.ClientId, clientId, StringComparison.Ordinal), $"members[{i}].clientId", "is the client itself.");
            v.Check(members.Take(i).All(m => !string.Equals(m?.ClientId, member?.ClientId, StringComparison.Ordinal)),
                $"members[{i}].clientId", "is listed twice.");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        await RequireWritable(http, grains, clientId);
        for (var i = 0; i < members.Count; i++)
        {
            // A related client must exist and, for a person, be one they may see: otherwise the answer would reveal it.
            var member = grains.GetGrain<IClientGrain>(members[i]!.ClientId!);
            var seen = false;
            if (await member.Exists())
            {
                var related = (await member.GetView()).Profile;
                seen = await CallerAccess.Reaches(http, grains, related.BranchId, related.AdvisorId);
            }

            v.Check(seen, $"members[{i}].clientId", $"'{members[i]!.ClientId}' is not a client.");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var household = members.Select(m => new HouseholdMember(m!.ClientId!, m.Relation!.Trim())).ToList();
        var view = await grains.GetGrain<IClientGrain>(clientId).SetHousehold(household, ApiActor.Caller(http));
        return TypedResults.Ok(ClientResponse.From(view, await CallerMask.Of(http, grains, masking)));
    }

    internal static string NotFound(string clientId) => $"Client '{clientId}' does not exist.";

    /// <summary>The caller may change the existing client (a person: one they reach); 404 when it does not exist.</summary>
    internal static async Task RequireWritable(HttpContext http, IGrainFactory grains, string clientId)
    {
        if (!CallerAccess.IsPerson(http))
        {
            return;
        }

        var profile = (await grains.GetGrain<IClientGrain>(clientId).GetView()).Profile;
        await CallerAccess.Require(http, grains, Access.Write, NotFound(clientId), profile.BranchId, profile.AdvisorId);
    }

    /// <summary>A read that shows personal data in full is audited, and committed before the data leaves.</summary>
    private static Task AuditUnmaskedRead(HttpContext http, IAuditTrail audit, string targetType, string targetId) =>
        audit.AppendAsync(HttpAuditRecords.For(
            http, new AuditTarget("client.read-unmasked", targetType, targetId), "200", AuditDigests.Of(http.Request.QueryString.Value ?? "")));
}
