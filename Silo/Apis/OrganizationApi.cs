using WealthActors.Branches;
using WealthActors.Employees;
using WealthActors.ReadModel;
using WealthActors.Silo.Apis.Upserts;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

public sealed record UpsertBranchRequest(string? Name, string? HeadEmployeeId, string? ParentBranchId, string? CalendarId);

public sealed record UpsertEmployeeRequest(
    string? Name, EmployeeRole? Role, string? BranchId, string? ManagerId, string? WeComUserId, string? TeamsUserId, bool? Deactivated = null,
    string? Language = null);

/// <summary>Branches, employees and employees' inboxes: the org chart escalations walk.</summary>
public static class OrganizationApi
{
    public static IEndpointRouteBuilder MapOrganizationApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPut("/api/branches/{branchId}", UpsertBranch).DeclaresPipelineProblems().WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Administer)
            .Produces<BranchProfile>().ProducesProblems(404);
        routes.MapGet("/api/branches/{branchId}", GetBranch).DeclaresPipelineProblems().WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<BranchProfile>().ProducesProblems(400, 404);
        routes.MapPut("/api/employees/{employeeId}", UpsertEmployee).DeclaresPipelineProblems().WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Administer)
            .Produces<EmployeeProfile>().ProducesProblems(404);
        routes.MapGet("/api/employees/{employeeId}", GetEmployee).DeclaresPipelineProblems().WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<EmployeeProfile>().ProducesProblems(400, 404);
        routes.MapGet("/api/employees/{employeeId}/inbox", Inbox).DeclaresPipelineProblems().WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<IReadOnlyList<InboxMessage>>().ProducesProblems(400, 404);
        return routes;
    }

    private static async Task<IResult> UpsertBranch(string branchId, UpsertBranchRequest body, HttpContext http, IGrainFactory grains)
    {
        var outcome = await BranchUpsert.Apply(branchId, body, http, grains);
        return outcome.Validation.IsValid ? TypedResults.Ok(outcome.Value) : outcome.Validation.Problem();
    }

    private static async Task<IResult> GetBranch(string branchId, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(branchId, "branchId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await grains.GetGrain<IBranchGrain>(branchId).GetProfile() is { } profile
            ? TypedResults.Ok(profile)
            : TypedResults.Problem(statusCode: 404, title: $"Branch '{branchId}' does not exist.");
    }

    private static async Task<IResult> UpsertEmployee(string employeeId, UpsertEmployeeRequest body, HttpContext http, IGrainFactory grains)
    {
        var outcome = await EmployeeUpsert.Apply(employeeId, body, http, grains);
        return outcome.Validation.IsValid ? TypedResults.Ok(outcome.Value) : outcome.Validation.Problem();
    }

    private static async Task<IResult> GetEmployee(string employeeId, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(employeeId, "employeeId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile() is { } profile
            ? TypedResults.Ok(profile)
            : TypedResults.Problem(statusCode: 404, title: $"Employee '{employeeId}' does not exist.");
    }

    /// <summary>Recent messages come from the grain; <c>?history=true</c> reads the full history from the read model.</summary>
    private static async Task<IResult> Inbox(
        string employeeId, int? limit, bool? history, HttpContext http, IGrainFactory grains, IReadModelQueries readModel)
    {
        // A person reads their own inbox (compliance reads anyone's); another's answers as if it did not exist.
        if (WealthActorsClaims.EmployeeIdOf(http.User) is { } self && self != employeeId && !http.User.IsInRole(ApiRoles.Compliance))
        {
            return TypedResults.Problem(statusCode: 404, title: $"Employee '{employeeId}' does not exist.");
        }

        var v = new RequestValidation()
            .Id(employeeId, "employeeId")
            .Check(limit is null or (>= 1 and <= 1000), "limit", "must be between 1 and 1000.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var employee = grains.GetGrain<IEmployeeGrain>(employeeId);
        if (await employee.GetProfile() is null)
        {
            return TypedResults.Problem(statusCode: 404, title: $"Employee '{employeeId}' does not exist.");
        }

        if (history == true)
        {
            return TypedResults.Ok(await readModel.InboxHistory(employeeId, limit ?? 100));
        }

        // The grain keeps the newest messages (with their latest delivery state, which may not have reached the read
        // model yet); when more are asked for than it keeps, older ones follow from the read model.
        var wanted = limit ?? 100;
        var recent = await employee.GetInbox(wanted);
        if (recent.Count == 0 || recent.Count >= wanted)
        {
            return TypedResults.Ok(recent);
        }

        var kept = recent.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var merged = (await readModel.InboxHistory(employeeId, wanted + recent.Count))
            .Where(m => !kept.Contains(m.Id))
            .Concat(recent)
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id, StringComparer.Ordinal)
            .Take(wanted)
            .ToArray();
        return TypedResults.Ok(merged);
    }
}
