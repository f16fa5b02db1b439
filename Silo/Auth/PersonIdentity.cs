using System.Security.Claims;
using WealthActors.Employees;

namespace WealthActors.Silo.Auth;

/// <summary>
/// Turns a person proved by the identity provider (a bearer token, a console sign-in) into the caller the rest of the
/// Silo sees: their employee id and the roles of their employee record. The record decides, not the token: a token
/// whose employee is unknown or deactivated authenticates but carries no role, so every route answers 403.
/// </summary>
public static class PersonIdentity
{
    public const string RefusedClaim = "wa:refused";

    public static async Task<ClaimsIdentity> For(string? employeeId, string door, IGrainFactory grains)
    {
        var identity = new ClaimsIdentity(door, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(WealthActorsClaims.Door, door));
        if (string.IsNullOrEmpty(employeeId) || !new Apis.RequestValidation().Id(employeeId, "employee").IsValid)
        {
            identity.AddClaim(new Claim(RefusedClaim, "The token names no valid employee id."));
            return identity;
        }

        identity.AddClaim(new Claim(WealthActorsClaims.EmployeeId, employeeId));
        identity.AddClaim(new Claim(ClaimTypes.Name, employeeId));
        var profile = await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile();
        if (profile is null || profile.Deactivated)
        {
            identity.AddClaim(new Claim(RefusedClaim, profile is null ? "Unknown employee." : "Deactivated employee."));
            return identity;
        }

        foreach (var role in PersonRoles.Of(profile.Role))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return identity;
    }
}
