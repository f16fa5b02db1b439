using WealthActors.Complaints;
using WealthActors.Permissions;
using WealthActors.ReadModel;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

public static class ComplaintsApi
{
    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/complaints").DeclaresPipelineProblems().WithTags("Complaints");
        group.MapPost("/", Open).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<OpenedComplaintResponse>(StatusCodes.Status201Created).ProducesProblems(404);
        group.MapGet("/{complaintId}", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<ComplaintResponse>().ProducesProblems(400, 404);
        group.MapGet("/", List).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<IReadOnlyList<ComplaintRow>>().ProducesProblems(400);
        group.MapGet("/{complaintId}/timeline", Timeline).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<TimelinePage>().ProducesProblems(400, 404);
        group.MapPost("/{complaintId}/{command}", Command).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<ComplaintResponse>().ProducesCaseCommandProblems();
        return routes;
    }

    private static async Task<IResult> Open(OpenComplaintRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var v = new RequestValidation()
            .Id(body.ClientId, "clientId")
            .Require(body.Category, "category", 64)
            .Check(body.Severity is not null, "severity", "is required: one of Low, Normal, High, Critical.")
            .Require(body.Channel, "channel", 32)
            .Require(body.Description, "description", 4000)
            .Id(body.PolicyId, "policyId", required: false);
        // A person opens as themselves; a system names who took the complaint (a call-centre agent need not be an employee).
        var actor = await ApiActor.Resolve(http, grains, body.OpenedBy, "openedBy", v, mustExist: false);
        v.Check(actor.Kind == ActorKind.Employee, "openedBy", "is required.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        await ClientsApi.RequireWritable(http, grains, body.ClientId!);
        var view = await ComplaintIds.OpenUnderNewId(grains, clock.GetUtcNow(),
            new OpenComplaint(body.ClientId!, body.Category!.Trim(), body.Severity!.Value, body.Channel!.Trim(), body.Description!.Trim(), body.PolicyId),
            actor);
        return TypedResults.Created($"/api/complaints/{view.ComplaintId}", OpenedComplaintResponse.From(view));
    }

    private static async Task<IResult> Get(string complaintId, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(complaintId, "complaintId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var view = await grains.GetGrain<IComplaintGrain>(complaintId).GetView();
        await CallerAccess.Require(http, grains, Access.Read, NotFound(complaintId), view.BranchId, view.Assignee);
        return TypedResults.Ok(ComplaintResponse.From(view));
    }

    /// <summary>
    /// The whole timeline, newest first, a page at a time: recent events from the grain, older ones from the read
    /// model's history; <c>before</c> is the <c>next</c> of the previous page.
    /// </summary>
    private static async Task<IResult> Timeline(
        string complaintId, long? before, int? limit, HttpContext http, IGrainFactory grains, IReadModelQueries readModel)
    {
        var v = new RequestValidation().Id(complaintId, "complaintId")
            .Check(before is null or > 0, "before", "must be a positive event number.")
            .Check(limit is null or (>= 1 and <= 500), "limit", "must be between 1 and 500.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var view = await grains.GetGrain<IComplaintGrain>(complaintId).GetView();
        await CallerAccess.Require(http, grains, Access.Read, NotFound(complaintId), view.BranchId, view.Assignee);
        return TypedResults.Ok(await ComplaintTimeline.Page(view, before, limit ?? 100, readModel));
    }

    internal static string NotFound(string complaintId) => $"Complaint '{complaintId}' does not exist.";

    private static async Task<IResult> List(
        HttpContext http, IGrainFactory grains, IReadModelQueries readModel,
        string? branchId, ComplaintStatus? status, SlaState? slaState, string? assignee, int? limit)
    {
        var v = new RequestValidation()
            .Id(branchId, "branchId", required: false)
            .Id(assignee, "assignee", required: false)
            .Check(limit is null or (>= 1 and <= 1000), "limit", "must be between 1 and 1000.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var scope = await CallerAccess.Scope(http, grains);
        return TypedResults.Ok(await readModel.ListComplaints(new ComplaintFilter(branchId, status, slaState, assignee, Limit: limit ?? 100, Scope: scope)));
    }

    private static async Task<IResult> Command(
        string complaintId, string command, ComplaintCommandRequest body, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(complaintId, "complaintId");
        var actor = await ApiActor.Resolve(http, grains, body.By, "by", v);
        var run = ComplaintCommands.For(command, body, actor, v);
        if (run is null)
        {
            return TypedResults.NotFound();
        }

        return await CaseCommandEndpoint.Run<IComplaintGrain, ComplaintView, ComplaintResponse>(
            http, grains, complaintId, v, NotFound(complaintId),
            complaint => complaint.GetView(), view => (view.BranchId, view.Assignee), run, ComplaintResponse.From);
    }
}
