using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Employees;
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
            .Require(body.Name, "name", 100)
            .Id(body.BranchId, "branchId")
            .Id(body.AdvisorId, "advisorId")
            .Optional(body.Phone, "phone", 32)
            .Optional(body.IdNumber, "idNumber", 32)
            .Check(body.Birthday is null || (body.Birthday <= today && body.Birthday > today.AddYears(-130)), "birthday", "must be a past date within 130 years.")
            .Check(body.RiskAssessedOn is null || body.RiskAssessedOn <= today, "riskAssessedOn", "must not be in the future.")
            .Check(body.Tags is null || (body.Tags.Count <= 50 && body.Tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= 32)), "tags", "at most 50 non-empty tags of up to 32 characters.");
        if (v.IsValid)
        {
            await RequireExists(grains, body.AdvisorId!, "advisorId", v);
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

    private static async Task<IResult> Get(string clientId, HttpContext http, IGrainFactory grains, IAuditTrail audit)
    {
        var v = new RequestValidation().Id(clientId, "clientId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var view = await grains.GetGrain<IClientGrain>(clientId).GetView();
        var unmasked = SeesPersonalData(http);
        if (unmasked)
        {
            // A read of unmasked phone and ID numbers is audited, and committed before they leave.
            await audit.AppendAsync(HttpAuditRecords.For(
                http, new AuditTarget("client.read-unmasked", "client", clientId), "200", AuditDigests.Of(http.Request.QueryString.Value ?? "")));
        }

        return TypedResults.Ok(ClientResponse.From(view, unmasked));
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

    private static async Task<IResult> AddHolding(string clientId, AddHoldingRequest body, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Id(body.ProductCode, "productCode")
            .Require(body.ProductName, "productName", 100)
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
            .Check(body.At is null || body.At <= now.AddMinutes(5), "at", "must not be in the future.");
        if (v.IsValid)
        {
            await RequireExists(grains, body.EmployeeId!, "employeeId", v);
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var interaction = new Interaction(body.Kind!.Value, body.At ?? now, body.EmployeeId!, body.Note!.Trim());
        await grains.GetGrain<IClientGrain>(clientId).LogInteraction(interaction, Actor.Employee(body.EmployeeId!, "api"));
        return TypedResults.Created($"/api/clients/{clientId}", interaction);
    }

    private static async Task RequireExists(IGrainFactory grains, string employeeId, string field, RequestValidation v)
    {
        if (await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile() is null)
        {
            v.Add(field, $"Employee '{employeeId}' does not exist.");
        }
    }

    private static Actor ApiActorName(HttpContext http) => Actor.System(http.User.Identity?.Name ?? "api");

    private static bool SeesPersonalData(HttpContext http) =>
        http.User.IsInRole(ApiRoles.System) || http.User.IsInRole(ApiRoles.Compliance) || http.User.IsInRole(ApiRoles.Admin);
}
