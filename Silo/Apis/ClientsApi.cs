using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Permissions;
using WealthActors.ReadModel;
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
        return TypedResults.Ok(ClientResponse.From(view, SeesPersonalData(http)));
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
        return TypedResults.Ok(ClientResponse.From(view, SeesPersonalData(http)));
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


    private static bool SeesPersonalData(HttpContext http) => SeesPersonalData(http.User);

    /// <summary>Whether <paramref name="user"/> sees phone and id numbers unmasked (every door masks by this one rule).</summary>
    internal static bool SeesPersonalData(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(ApiRoles.System) || user.IsInRole(ApiRoles.Compliance) || user.IsInRole(ApiRoles.Admin);
}
