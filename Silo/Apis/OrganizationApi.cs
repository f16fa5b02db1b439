using WealthActors.Branches;
using WealthActors.Employees;
using WealthActors.ReadModel;
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
        routes.MapPut("/api/branches/{branchId}", UpsertBranch).WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Administer);
        routes.MapGet("/api/branches/{branchId}", GetBranch).WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read);
        routes.MapPut("/api/employees/{employeeId}", UpsertEmployee).WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Administer);
        routes.MapGet("/api/employees/{employeeId}", GetEmployee).WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read);
        routes.MapGet("/api/employees/{employeeId}/inbox", Inbox).WithTags("Organization")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read);
        return routes;
    }

    private static async Task<IResult> UpsertBranch(string branchId, UpsertBranchRequest body, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation()
            .Id(branchId, "branchId")
            .Name(body.Name, "name", 100)
            .Id(body.HeadEmployeeId, "headEmployeeId")
            .Id(body.ParentBranchId, "parentBranchId", required: false)
            .Id(body.CalendarId, "calendarId", required: false);
        if (v.IsValid)
        {
            await v.BranchReferences(grains, branchId, body.HeadEmployeeId!, body.ParentBranchId);
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var profile = await grains.GetGrain<IBranchGrain>(branchId).Upsert(
            new BranchProfile(body.Name!.Trim(), body.HeadEmployeeId!, body.ParentBranchId, body.CalendarId),
            ApiActor.Caller(http));
        return TypedResults.Ok(profile);
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
        var v = new RequestValidation()
            .Id(employeeId, "employeeId")
            .Name(body.Name, "name", 100)
            .Check(body.Role is not null, "role", "is required: one of Advisor, TeamLead, BranchHead, RegionalHead, Compliance, Admin.")
            .Id(body.BranchId, "branchId")
            .Id(body.ManagerId, "managerId", required: false)
            .Check(body.ManagerId != employeeId, "managerId", "an employee cannot manage themselves.")
            .Optional(body.WeComUserId, "wecomUserId", 64)
            .Optional(body.TeamsUserId, "teamsUserId", 200)
            .Check(body.Language is null or EmployeeProfile.Chinese or EmployeeProfile.English, "language",
                $"must be '{EmployeeProfile.Chinese}' (Chinese, the default) or '{EmployeeProfile.English}' (English).");
        if (v.IsValid)
        {
            await v.EmployeeReferences(grains, employeeId, body.BranchId!, body.ManagerId);
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var employee = grains.GetGrain<IEmployeeGrain>(employeeId);
        var stored = await employee.GetProfile();
        // A chat identity says who a WeCom or Teams user is, so remapping one is an administrator's act, not a system's.
        var remapsChat = body.WeComUserId != stored?.WeComUserId || body.TeamsUserId != stored?.TeamsUserId;
        if (remapsChat && !http.User.IsInRole(ApiRoles.Admin))
        {
            v.Forbid(body.WeComUserId != stored?.WeComUserId ? "wecomUserId" : "teamsUserId", "Changing a chat identity needs the Admin role.");
            return v.Problem();
        }

        var profile = await employee.Upsert(
            new EmployeeProfile(
                body.Name!.Trim(), body.Role!.Value, body.BranchId!, body.ManagerId, body.WeComUserId, body.TeamsUserId, body.Deactivated ?? false,
                body.Language),
            ApiActor.Caller(http));
        return TypedResults.Ok(profile);
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
