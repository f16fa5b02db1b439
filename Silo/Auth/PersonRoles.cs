using WealthActors.Employees;

namespace WealthActors.Silo.Auth;

/// <summary>
/// The API roles a signed-in person holds, from their employee record: the route-level rights of
/// <see cref="AuthHostingExtensions.Policies"/>. What records within a route they reach is narrowed further by their
/// place in the organisation.
/// </summary>
public static class PersonRoles
{
    public static IReadOnlyList<string> Of(EmployeeRole role) => role switch
    {
        EmployeeRole.Advisor => [ApiRoles.Advisor],
        EmployeeRole.TeamLead or EmployeeRole.BranchHead or EmployeeRole.RegionalHead => [ApiRoles.Manager],
        EmployeeRole.Compliance => [ApiRoles.Compliance],
        EmployeeRole.Admin => [ApiRoles.Admin],
        _ => [],
    };
}
