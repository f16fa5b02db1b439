using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Permissions;
using WealthActors.Privacy;
using WealthActors.ReadModel;
using WealthActors.Silo.Apis.Upserts;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Privacy;

namespace WealthActors.Silo.Apis;

public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/clients").DeclaresPipelineProblems().WithTags("Clients");
        group.MapPut("/{clientId}", Upsert).RequireAuthorization(AuthHostingExtensions.Policies.Integrate)
            .Produces<ClientResponse>().ProducesProblems(404);
        group.MapGet("/{clientId}", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<ClientResponse>().ProducesProblems(400, 404);
        group.MapGet("/", Search).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<List<ClientListItem>>().ProducesProblems(400);
        group.MapPost("/{clientId}/holdings", AddHolding).RequireAuthorization(AuthHostingExtensions.Policies.Integrate)
            .Produces<ClientResponse>().ProducesProblems(404);
        group.MapPost("/{clientId}/interactions", LogInteraction).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<Interaction>(StatusCodes.Status201Created).ProducesProblems(404);
        group.MapPut("/{clientId}/household", SetHousehold).RequireAuthorization(AuthHostingExtensions.Policies.Integrate)
            .Produces<ClientResponse>().ProducesProblems(404);
        return routes;
    }

    private static async Task<IResult> Upsert(
        string clientId, UpsertClientRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock, MaskingRules masking)
    {
        var outcome = await ClientUpsert.Apply(clientId, body, http, grains, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return outcome.Validation.IsValid ? await Answer(outcome.Value!, http, grains, masking) : outcome.Validation.Problem();
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
        var outcome = await HoldingUpsert.Apply(clientId, body, http, grains, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return outcome.Validation.IsValid ? await Answer(outcome.Value!, http, grains, masking) : outcome.Validation.Problem();
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
            var related = await ProfileOrNull(grains, members[i]!.ClientId!);
            var seen = related is not null && await CallerAccess.Reaches(http, grains, related.BranchId, related.AdvisorId);
            v.Check(seen, $"members[{i}].clientId", $"'{members[i]!.ClientId}' is not a client.");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var household = members.Select(m => new HouseholdMember(m!.ClientId!, m.Relation!.Trim())).ToList();
        var view = await grains.GetGrain<IClientGrain>(clientId).SetHousehold(household, ApiActor.Caller(http));
        return await Answer(view, http, grains, masking);
    }

    private static async Task<ClientProfile?> ProfileOrNull(IGrainFactory grains, string clientId)
    {
        try
        {
            return (await grains.GetGrain<IClientGrain>(clientId).GetView()).Profile;
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A command's answer: the client as it now stands, masked for the caller.</summary>
    private static async Task<IResult> Answer(ClientView view, HttpContext http, IGrainFactory grains, MaskingRules masking) =>
        TypedResults.Ok(ClientResponse.From(view, await CallerMask.Of(http, grains, masking)));

    internal static string NotFound(string clientId) => ClientUpsert.NotFound(clientId);

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
            http, new AuditTarget(CallerMask.UnmaskedReadAction, targetType, targetId), "200", AuditDigests.Of(http.Request.QueryString.Value ?? "")));
}
