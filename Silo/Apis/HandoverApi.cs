using System.Security.Cryptography;
using WealthActors.Audit;
using WealthActors.Branches;
using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Grains.Handovers;
using WealthActors.Handovers;
using WealthActors.Permissions;
using WealthActors.ReadModel;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>
/// An advisor's clients handed over to another advisor: the request is checked and recorded, answered 202, and the
/// handover grain works through the clients in the background (<see cref="IHandoverGrain"/>). Systems and managers
/// may ask; a manager only for advisors whose clients they may change (a team lead their team, a branch head their
/// branch, a regional head their region).
/// </summary>
public static class HandoverApi
{
    /// <summary>The most clients a request may name; a whole book is handed over by naming none.</summary>
    public const int MaxClientIds = 1000;

    private const int Page = 1000;

    public static WebApplicationBuilder AddWealthActorsHandovers(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<HandoverResumer>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHandoverApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/employees/{employeeId}/handover", Start).DeclaresPipelineProblems()
            .WithTags("Handovers")
            .RequireAuthorization(AuthHostingExtensions.Policies.Handover)
            .Produces<HandoverResponse>(StatusCodes.Status202Accepted).ProducesProblems(404, 409);
        routes.MapGet("/api/handovers/{handoverId}", Get).DeclaresPipelineProblems()
            .WithTags("Handovers")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<HandoverResponse>().ProducesProblems(400, 404);
        return routes;
    }

    private static async Task<IResult> Start(
        string employeeId, StartHandoverRequest body, HttpContext http, IGrainFactory grains, IReadModelQueries readModel, TimeProvider clock)
    {
        var clientIds = body.ClientIds;
        var v = new RequestValidation()
            .Id(employeeId, "employeeId")
            .Id(body.To, "to")
            .Check(clientIds is null or { Count: > 0 }, "clientIds", "names no client; leave it out to hand over every client.")
            .Check(clientIds is null || clientIds.Count <= MaxClientIds, "clientIds", $"names at most {MaxClientIds} clients; leave it out to hand over every client.");
        for (var i = 0; v.IsValid && clientIds is not null && i < clientIds.Count; i++)
        {
            v.Id(clientIds[i], $"clientIds[{i}]");
            v.Check(clientIds.Take(i).All(c => c != clientIds[i]), $"clientIds[{i}]", "is listed twice.");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var from = await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile()
            ?? throw new EntityNotFoundException($"Employee '{employeeId}' does not exist.");
        var to = await grains.GetGrain<IEmployeeGrain>(body.To!).GetProfile();
        if (HandoverRules.TargetProblem(employeeId, from, body.To!, to) is { } problem)
        {
            return v.Add("to", problem).Problem();
        }

        await RequireMayChangeClientsOf(http, grains, from.BranchId, employeeId);
        await RequireMayChangeClientsOf(http, grains, to!.BranchId, body.To!);

        IReadOnlyList<string> clients;
        if (clientIds is not null)
        {
            var owners = await Task.WhenAll(clientIds.Select(id => AdvisorOf(grains, id!)));
            for (var i = 0; i < clientIds.Count; i++)
            {
                v.Check(owners[i] == employeeId, $"clientIds[{i}]", $"'{clientIds[i]}' is not a client of '{employeeId}'.");
            }

            if (!v.IsValid)
            {
                return v.Problem();
            }

            clients = [.. clientIds.OfType<string>()];
        }
        else
        {
            clients = await AllClientsOf(readModel, employeeId);
            if (clients.Count == 0)
            {
                throw new InvalidTransitionException($"Employee '{employeeId}' has no clients to hand over.");
            }
        }

        var branchHead = (await grains.GetGrain<IBranchGrain>(from.BranchId).GetProfile())?.HeadEmployeeId;
        var now = clock.GetUtcNow();
        var handoverId = $"HO-{now:yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";
        var plan = new HandoverPlan(
            employeeId, body.To!, clients, ApiActor.Caller(http), Requester(http, body), HandoverRules.TeamLeads(employeeId, from, body.To!, to, branchHead), now);
        var status = await grains.GetGrain<IHandoverGrain>(handoverId).Start(plan);
        return TypedResults.Accepted($"/api/handovers/{handoverId}", HandoverResponse.Of(status));
    }

    private static async Task<IResult> Get(string handoverId, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(handoverId, "handoverId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var notFound = $"Handover '{handoverId}' does not exist.";
        var status = await grains.GetGrain<IHandoverGrain>(handoverId).GetStatus() ?? throw new EntityNotFoundException(notFound);
        if (await CallerAccess.Person(http, grains) is { } person
            && person.EmployeeId != status.From && person.EmployeeId != status.To && person.EmployeeId != status.RequestedBy
            && !await ReachesClientsOf(http, grains, status.From))
        {
            throw new EntityNotFoundException(notFound);
        }

        return TypedResults.Ok(HandoverResponse.Of(status));
    }

    /// <summary>A person must be able to change the clients of both advisors; one who may not is refused with 403.</summary>
    private static async Task RequireMayChangeClientsOf(HttpContext http, IGrainFactory grains, string branchId, string advisorId)
    {
        try
        {
            await CallerAccess.Require(http, grains, Access.Write, "", branchId, advisorId);
        }
        catch (EntityNotFoundException)
        {
            throw new PermissionDeniedException($"The clients of '{advisorId}' are outside your reach.");
        }
    }

    private static async Task<bool> ReachesClientsOf(HttpContext http, IGrainFactory grains, string advisorId) =>
        await grains.GetGrain<IEmployeeGrain>(advisorId).GetProfile() is { } advisor
        && await CallerAccess.Reaches(http, grains, advisor.BranchId, advisorId);

    private static async Task<string?> AdvisorOf(IGrainFactory grains, string clientId)
    {
        try
        {
            return (await grains.GetGrain<IClientGrain>(clientId).GetView()).Profile.AdvisorId;
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<string>> AllClientsOf(IReadModelQueries readModel, string advisorId)
    {
        var all = new List<string>();
        while (true)
        {
            var page = await readModel.ClientIdsOfAdvisor(advisorId, all.Count == 0 ? null : all[^1], Page);
            all.AddRange(page);
            if (page.Count < Page)
            {
                return all;
            }
        }
    }

    private static HandoverRequester Requester(HttpContext http, StartHandoverRequest body) => new(
        WealthActorsClaims.EmployeeIdOf(http.User),
        WealthActorsClaims.KeyNameOf(http.User),
        http.User.FindFirst(WealthActorsClaims.Door)?.Value,
        AuditDigests.Of(System.Text.Json.JsonSerializer.Serialize(body)));
}

/// <param name="To">The advisor who takes the clients.</param>
/// <param name="ClientIds">Which of the departing advisor's clients move; all of them when left out.</param>
public sealed record StartHandoverRequest(string? To, IReadOnlyList<string?>? ClientIds);

public sealed record HandoverResponse(
    string HandoverId, string From, string To, HandoverRunState Status, int Total, int Processed, int Moved, int Skipped,
    int ComplaintsMoved, int TasksMoved, int RequestsMoved, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt, IReadOnlyList<string> SkippedClientIds)
{
    public static HandoverResponse Of(HandoverStatus s) => new(
        s.HandoverId, s.From, s.To, s.Status, s.Total, s.Processed, s.Moved, s.Skipped, s.ComplaintsMoved, s.TasksMoved, s.RequestsMoved, s.RequestedAt,
        s.CompletedAt, s.SkippedClientIds);
}
