using WealthActors.Clients;
using WealthActors.ReadModel;
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

        var profile = new ClientProfile(
            body.Name!.Trim(), body.Birthday, body.Phone, body.IdNumber, body.BranchId!, body.AdvisorId!, body.Vip ?? false,
            body.RiskLevel, body.RiskAssessedOn, body.Tags ?? []);
        var view = await grains.GetGrain<IClientGrain>(clientId).Upsert(profile, ApiActorName(http));
        return TypedResults.Ok(ClientResponse.From(view, SeesPersonalData(http)));
    }

    private static async Task<IResult> Get(string clientId, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(clientId, "clientId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var view = await grains.GetGrain<IClientGrain>(clientId).GetView();
        return TypedResults.Ok(ClientResponse.From(view, SeesPersonalData(http)));
    }

    private static async Task<IResult> Search(string? q, int? limit, IReadModelQueries readModel)
    {
        var v = new RequestValidation()
            .Require(q, "q", 100)
            .Check(limit is null or (>= 1 and <= 200), "limit", "must be between 1 and 200.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return TypedResults.Ok(await readModel.SearchClients(q!.Trim(), limit ?? 20));
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
        var view = await grains.GetGrain<IClientGrain>(clientId).AddHolding(holding, ApiActorName(http));
        return TypedResults.Ok(ClientResponse.From(view, SeesPersonalData(http)));
    }

    private static async Task<IResult> LogInteraction(string clientId, LogInteractionRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Check(body.Kind is not null, "kind", "is required.")
            .Id(body.EmployeeId, "employeeId")
            .Require(body.Note, "note", 4000)
            .PastInstant(body.At, "at", now);
        if (v.IsValid)
        {
            await v.EmployeeExists(grains, body.EmployeeId!, "employeeId");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var interaction = new Interaction(body.Kind!.Value, body.At ?? now, body.EmployeeId!, body.Note!.Trim());
        await grains.GetGrain<IClientGrain>(clientId).LogInteraction(interaction, Actor.Employee(body.EmployeeId!, "api"));
        return TypedResults.Created($"/api/clients/{clientId}", interaction);
    }

    private static Actor ApiActorName(HttpContext http) => Actor.System(http.User.Identity?.Name ?? "api");

    private static bool SeesPersonalData(HttpContext http) =>
        http.User.IsInRole(ApiRoles.System) || http.User.IsInRole(ApiRoles.Compliance) || http.User.IsInRole(ApiRoles.Admin);
}
