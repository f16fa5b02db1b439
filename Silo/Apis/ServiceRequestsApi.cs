using WealthActors.Complaints;
using WealthActors.Permissions;
using WealthActors.ServiceRequests;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>
/// Service requests: opened like complaints, worked with the complaint's commands, listed like complaints, each on its
/// type's SLA policy. A person reaches the requests of their place in the organisation, as with complaints.
/// </summary>
public static class ServiceRequestsApi
{
    /// <summary>The commands by name, as <c>POST /api/service-requests/{id}/{command}</c> takes them.</summary>
    public static readonly IReadOnlyList<string> Commands = ["acknowledge", "notes", "pause", "resume", "assign", "resolve", "reopen"];

    public static IEndpointRouteBuilder MapServiceRequestsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/service-requests").DeclaresPipelineProblems().WithTags("Service requests");
        group.MapPost("/", Open).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<ServiceRequestView>(StatusCodes.Status201Created).ProducesProblems(404);
        group.MapGet("/{requestId}", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<ServiceRequestView>().ProducesProblems(400, 404);
        group.MapGet("/", List).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<IReadOnlyList<ServiceRequestRow>>().ProducesProblems(400);
        group.MapPost("/{requestId}/{command}", Command).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<ServiceRequestView>().ProducesCaseCommandProblems();
        return routes;
    }

    private static async Task<IResult> Open(OpenServiceRequestRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var v = new RequestValidation()
            .Id(body.ClientId, "clientId")
            .Id(body.Type, "type")
            .Require(body.Description, "description", 4000)
            .Id(body.PolicyId, "policyId", required: false);
        // As for complaints: a person opens as themselves; a system names who took the request.
        var actor = await ApiActor.Resolve(http, grains, body.OpenedBy, "openedBy", v, mustExist: false);
        v.Check(actor.Kind == ActorKind.Employee, "openedBy", "is required.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        await ClientsApi.RequireWritable(http, grains, body.ClientId!);
        var id = ServiceRequestIds.New(clock.GetUtcNow());
        var view = await grains.GetGrain<IServiceRequestGrain>(id).Open(
            new OpenServiceRequest(body.ClientId!, body.Type!, body.Description!.Trim(), body.PolicyId), actor);
        return TypedResults.Created($"/api/service-requests/{view.RequestId}", view);
    }

    private static async Task<IResult> Get(string requestId, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(requestId, "requestId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var view = await grains.GetGrain<IServiceRequestGrain>(requestId).GetView();
        await CallerAccess.Require(http, grains, Access.Read, NotFound(requestId), view.BranchId, view.Assignee);
        return TypedResults.Ok(view);
    }

    private static async Task<IResult> List(
        HttpContext http, IGrainFactory grains, IServiceRequestQueries readModel,
        string? branchId, ServiceRequestStatus? status, string? assignee, string? type, int? limit)
    {
        var v = new RequestValidation()
            .Id(branchId, "branchId", required: false)
            .Id(assignee, "assignee", required: false)
            .Id(type, "type", required: false)
            .Check(limit is null or (>= 1 and <= 1000), "limit", "must be between 1 and 1000.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var scope = await CallerAccess.Scope(http, grains);
        return TypedResults.Ok(await readModel.ListServiceRequests(new ServiceRequestFilter(branchId, status, assignee, type, limit ?? 100, scope)));
    }

    private static async Task<IResult> Command(
        string requestId, string command, ComplaintCommandRequest body, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(requestId, "requestId");
        var actor = await ApiActor.Resolve(http, grains, body.By, "by", v);
        var run = For(command, body, actor, v);
        if (run is null)
        {
            return TypedResults.NotFound();
        }

        return await CaseCommandEndpoint.Run<IServiceRequestGrain, ServiceRequestView, ServiceRequestView>(
            http, grains, requestId, v, NotFound(requestId),
            request => request.GetView(), view => (view.BranchId, view.Assignee), run, view => view);
    }

    /// <summary>The grain call of <paramref name="command"/>, with the fields the complaint's same command requires.</summary>
    private static Func<IServiceRequestGrain, Task<ServiceRequestView>>? For(string command, ComplaintCommandRequest body, Actor actor, RequestValidation v)
    {
        v.Optional(body.Text, "text", 4000).Optional(body.Reason, "reason", 1000);
        return command switch
        {
            "acknowledge" => g => g.Acknowledge(actor, body.Text),
            "notes" => Needs(v, body.Text, "text", (g, text) => g.AddNote(actor, text)),
            "pause" => Needs(v, body.Reason ?? body.Text, "reason", (g, reason) => g.Pause(actor, reason)),
            "resume" => g => g.Resume(actor, body.Text),
            "assign" => Needs(v.Id(body.To, "to"), body.To, "to", (g, to) => g.Assign(actor, to, body.Text)),
            "resolve" => Needs(v, body.Text, "text", (g, text) => g.Resolve(actor, text)),
            "reopen" => Needs(v, body.Reason ?? body.Text, "reason", (g, reason) => g.Reopen(actor, reason)),
            _ => null,
        };
    }

    private static Func<IServiceRequestGrain, Task<ServiceRequestView>> Needs(
        RequestValidation v, string? value, string field, Func<IServiceRequestGrain, string, Task<ServiceRequestView>> run)
    {
        v.Require(value, field, 4000);
        return g => run(g, value!);
    }

    internal static string NotFound(string requestId) => $"Service request '{requestId}' does not exist.";
}

/// <param name="Type">ContactChange, DocumentRequest, RedemptionEnquiry, KycRenewal, or another type named by a policy.</param>
public sealed record OpenServiceRequestRequest(string? ClientId, string? Type, string? Description, string? OpenedBy, string? PolicyId);
