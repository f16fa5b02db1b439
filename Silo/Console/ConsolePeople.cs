using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WealthActors.Employees;
using WealthActors.Permissions;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.WebConsole;

/// <summary>The signed-in person a console circuit acts as: who, their role, and the scope their lists hold.</summary>
public sealed record ConsolePerson(string EmployeeId, string Name, EmployeeRole Role, string BranchId, ClaimsPrincipal User, AccessScope Scope);

/// <summary>
/// Who the circuit's person is, from the session the circuit was opened with; their rights through
/// <see cref="CallerAccess"/>, the same rule the API applies. Read once per page visit, so a role change shows on the
/// next page.
/// </summary>
public sealed class ConsolePeople(AuthenticationStateProvider authentication, IGrainFactory grains)
{
    public async Task<ConsolePerson?> Current()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (WealthActorsClaims.EmployeeIdOf(user) is not { } employeeId
            || await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile() is not { Deactivated: false } profile)
        {
            return null;
        }

        var scope = await CallerAccess.Scope(user, grains) ?? AccessScope.Nothing;
        return new ConsolePerson(employeeId, profile.Name, profile.Role, profile.BranchId, user, scope);
    }
}
