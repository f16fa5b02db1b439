using System.Security.Claims;

namespace WealthActors.Silo.Auth;

/// <summary>
/// The claims every authenticated caller carries once through the door, whatever proved who they are (an API key, a
/// bearer token from the bank's identity provider, a console session): the one place permissions and the audit
/// trail read the caller from.
/// </summary>
public static class WealthActorsClaims
{
    /// <summary>The employee id of a person (absent for a system's API key).</summary>
    public const string EmployeeId = "wa:employee";

    /// <summary>The name of the API key a system presented (absent for a person).</summary>
    public const string KeyName = "wa:key";

    /// <summary>How the caller came in: <c>api-key</c>, <c>bearer</c>, <c>console</c>.</summary>
    public const string Door = "wa:door";

    public static string? EmployeeIdOf(ClaimsPrincipal user) => user.FindFirstValue(EmployeeId);

    public static string? KeyNameOf(ClaimsPrincipal user) => user.FindFirstValue(KeyName);
}
