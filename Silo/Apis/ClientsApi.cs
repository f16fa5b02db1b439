using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Permissions;
using WealthActors.ReadModel;
using WealthActors.Silo.Apis.Upserts;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;

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
        return routes;
    }

    private static async Task<IResult> Upsert(string clientId, UpsertClientRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var outcome = await ClientUpsert.Apply(clientId, body, http, grains, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return outcome.Validation.IsValid
            ? TypedResults.Ok(ClientResponse.From(outcome.Value!, SeesPersonalData(http)))
            : outcome.Validation.Problem();
    }

    private static async Task<IResult> Get(string clientId, HttpContext http, IGrainFactory grains, IAuditTrail audit)
    {
        var v = new RequestValidation().Id(clientId, "clientId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var view = await grains.GetGrain<IClientGrain>(clientId).GetView();
        await CallerAccess.Require(http, grains, Access.Read, NotFound(clientId), view.Profile.BranchId, view.Profile.AdvisorId);
        var unmasked = SeesPersonalData(http);
        if (unmasked)
        {
            // A read of unmasked phone and ID numbers is audited, and committed before they leave.
            await audit.AppendAsync(HttpAuditRecords.For(
                http, new AuditTarget("client.read-unmasked", "client", clientId), "200", AuditDigests.Of(http.Request.QueryString.Value ?? "")));
        }

        return TypedResults.Ok(ClientResponse.From(view, unmasked));
    }

    private static async Task<IResult> Search(string? q, int? limit, HttpContext http, IGrainFactory grains, IReadModelQueries readModel)
    {
        var v = new RequestValidation()
            .Require(q, "q", 100)
            .Check(limit is null or (>= 1 and <= 200), "limit", "must be between 1 and 200.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return TypedResults.Ok(await readModel.SearchClients(q!.Trim(), limit ?? 20, await CallerAccess.Scope(http, grains)));
    }

    private static async Task<IResult> AddHolding(string clientId, AddHoldingRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var outcome = await HoldingUpsert.Apply(clientId, body, http, grains, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return outcome.Validation.IsValid
            ? TypedResults.Ok(ClientResponse.From(outcome.Value!, SeesPersonalData(http)))
            : outcome.Validation.Problem();
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

    private static string NotFound(string clientId) => ClientUpsert.NotFound(clientId);

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

    internal static bool SeesPersonalData(HttpContext http) =>
        http.User.IsInRole(ApiRoles.System) || http.User.IsInRole(ApiRoles.Compliance) || http.User.IsInRole(ApiRoles.Admin);
}
