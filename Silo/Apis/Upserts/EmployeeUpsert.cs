using WealthActors.Employees;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis.Upserts;

/// <summary>Creating or replacing an employee: the checks and grain calls of <c>PUT /api/employees/{employeeId}</c>, shared with the Excel import.</summary>
internal static class EmployeeUpsert
{
    /// <param name="skipUnchanged">Leave an employee whose stored profile already equals the request untouched.</param>
    public static async Task<UpsertOutcome<EmployeeProfile>> Apply(
        string employeeId, UpsertEmployeeRequest body, HttpContext http, IGrainFactory grains, bool skipUnchanged = false)
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
            return UpsertOutcome<EmployeeProfile>.Refused(v);
        }

        var employee = grains.GetGrain<IEmployeeGrain>(employeeId);
        var stored = await employee.GetProfile();
        // A chat identity says who a WeCom or Teams user is, so remapping one is an administrator's act, not a system's.
        var remapsChat = body.WeComUserId != stored?.WeComUserId || body.TeamsUserId != stored?.TeamsUserId;
        if (remapsChat && !http.User.IsInRole(ApiRoles.Admin))
        {
            v.Forbid(body.WeComUserId != stored?.WeComUserId ? "wecomUserId" : "teamsUserId", "Changing a chat identity needs the Admin role.");
            return UpsertOutcome<EmployeeProfile>.Refused(v);
        }

        var profile = new EmployeeProfile(
            body.Name!.Trim(), body.Role!.Value, body.BranchId!, body.ManagerId, body.WeComUserId, body.TeamsUserId, body.Deactivated ?? false,
            body.Language);
        if (skipUnchanged && stored == profile)
        {
            return new UpsertOutcome<EmployeeProfile>(v, stored, Changed: false);
        }

        return new UpsertOutcome<EmployeeProfile>(v, await employee.Upsert(profile, ApiActor.Caller(http)), Changed: true);
    }
}
