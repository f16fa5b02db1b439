using WealthActors.Employees;
using WealthActors.Permissions;
using WealthActors.Silo.Auth;
using WealthActors.Tasks;

namespace WealthActors.Silo.Apis;

/// <summary>
/// Tasks: created by people (and by care rules and outflow alerts inside the silo), listed per owner, and finished by
/// completing (with an outcome), snoozing (to a new due date) or cancelling. A person works on tasks within their reach,
/// as on complaints.
/// </summary>
public static class TasksApi
{
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tasks").DeclaresPipelineProblems().WithTags("Tasks");
        group.MapPost("/", Create).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<TaskResponse>(StatusCodes.Status201Created).ProducesProblems(404);
        group.MapGet("/{taskId}", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<TaskResponse>().ProducesProblems(400, 404);
        group.MapPost("/{taskId}/complete", Complete).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<TaskResponse>().ProducesCaseCommandProblems();
        group.MapPost("/{taskId}/snooze", Snooze).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<TaskResponse>().ProducesCaseCommandProblems();
        group.MapPost("/{taskId}/cancel", Cancel).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<TaskResponse>().ProducesCaseCommandProblems();
        routes.MapGet("/api/employees/{employeeId}/tasks", List).DeclaresPipelineProblems().WithTags("Tasks")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<IReadOnlyList<TaskRow>>().ProducesProblems(400, 404);
        return routes;
    }

    private static async Task<IResult> Create(CreateTaskRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var v = new RequestValidation()
            .Id(body.ClientId, "clientId")
            .Require(body.Title, "title", 200)
            .Check(body.Due is null || body.Due > now, "due", "must be in the future.")
            .Id(body.Owner, "owner", required: !CallerAccess.IsPerson(http))
            .Id(body.Kind, "kind", required: false)
            .Id(body.PolicyId, "policyId", required: false);
        var actor = await ApiActor.Resolve(http, grains, body.By, "by", v);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        // A person's own task by default; a system names whose it is.
        var owner = body.Owner ?? actor.Id;
        await ClientsApi.RequireWritable(http, grains, body.ClientId!);
        var command = new CreateTask(body.ClientId!, body.Title!.Trim(), body.Due, owner, body.Kind ?? TaskKinds.FollowUp, body.PolicyId, actor.Id);
        var view = await grains.GetGrain<ITaskGrain>(TaskIds.New(now)).Create(command, actor);
        return TypedResults.Created($"/api/tasks/{view.TaskId}", TaskResponse.From(view));
    }

    private static async Task<IResult> Get(string taskId, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(taskId, "taskId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var view = await grains.GetGrain<ITaskGrain>(taskId).GetView();
        await CallerAccess.Require(http, grains, Access.Read, NotFound(taskId), view.BranchId, view.Owner);
        return TypedResults.Ok(TaskResponse.From(view));
    }

    private static Task<IResult> Complete(string taskId, TaskCommandRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock) =>
        Run(taskId, "complete", body, http, grains, clock);

    private static Task<IResult> Snooze(string taskId, TaskCommandRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock) =>
        Run(taskId, "snooze", body, http, grains, clock);

    private static Task<IResult> Cancel(string taskId, TaskCommandRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock) =>
        Run(taskId, "cancel", body, http, grains, clock);

    /// <summary>Validates, checks the caller may change the task, then runs the command as the caller.</summary>
    private static async Task<IResult> Run(string taskId, string command, TaskCommandRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var v = new RequestValidation().Id(taskId, "taskId");
        var actor = await ApiActor.Resolve(http, grains, body.By, "by", v);
        var run = TaskCommands.For(command, body, actor, v, clock.GetUtcNow())!;
        return await CaseCommandEndpoint.Run<ITaskGrain, TaskView, TaskResponse>(
            http, grains, taskId, v, NotFound(taskId), task => task.GetView(), view => (view.BranchId, view.Owner), run, TaskResponse.From);
    }

    /// <summary>A person's tasks, soonest due first: their own, or those of someone within their reach (their reports).</summary>
    private static async Task<IResult> List(
        string employeeId, WorkItemStatus? status, int? limit, HttpContext http, IGrainFactory grains, ITaskQueries tasks)
    {
        var v = new RequestValidation()
            .Id(employeeId, "employeeId")
            .Check(limit is null or (>= 1 and <= MaxLimit), "limit", $"must be between 1 and {MaxLimit}.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var profile = await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile();
        var notFound = $"Employee '{employeeId}' does not exist.";
        if (profile is null)
        {
            return TypedResults.Problem(statusCode: 404, title: notFound);
        }

        await CallerAccess.Require(http, grains, Access.Read, notFound, profile.BranchId, employeeId);
        return TypedResults.Ok(await tasks.ListTasks(employeeId, status, limit ?? 100));
    }

    internal static string NotFound(string taskId) => $"Task '{taskId}' does not exist.";
}

/// <param name="Owner">Whose task it is; a person creating one without it makes it their own.</param>
/// <param name="Kind">Selects the task policy (default <c>FollowUp</c>).</param>
public sealed record CreateTaskRequest(
    string? ClientId, string? Title, DateTimeOffset? Due, string? Owner, string? Kind, string? PolicyId, string? By);

/// <summary>Body of the task commands: <c>outcome</c> to complete, <c>until</c> to snooze, <c>reason</c> to cancel.</summary>
public sealed record TaskCommandRequest(string? By, string? Outcome, DateTimeOffset? Until, string? Reason);

public sealed record TaskResponse(
    string TaskId, string ClientId, string BranchId, string Title, string Kind, string Owner, WorkItemStatus Status,
    DateTimeOffset Due, DateTimeOffset CreatedAt, bool Overdue, int EscalationLevel, string? Outcome, DateTimeOffset? SnoozedUntil,
    string PolicyId, int PolicyVersion, IReadOnlyList<Complaints.TimelineEntry> Timeline)
{
    public static TaskResponse From(TaskView v) => new(
        v.TaskId, v.ClientId, v.BranchId, v.Title, v.Kind, v.Owner, v.Status, v.Due, v.CreatedAt, v.Overdue, v.EscalationLevel,
        v.Outcome, v.SnoozedUntil, v.PolicyId, v.PolicyVersion, v.Timeline);
}
