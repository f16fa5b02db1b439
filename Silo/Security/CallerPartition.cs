using System.Security.Claims;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Security;

/// <summary>Who a request counts against: the person, else the API key, else the address it came from.</summary>
public enum CallerKind
{
    Person,
    Key,
    Anonymous,
}

public static class CallerPartition
{
    /// <summary>The caller of <paramref name="context"/>, read from the claims set at the door (authentication runs first).</summary>
    public static (CallerKind Kind, string Key) Of(HttpContext context) => Of(context.User, context.Connection.RemoteIpAddress?.ToString());

    public static (CallerKind Kind, string Key) Of(ClaimsPrincipal user, string? remoteAddress) =>
        WealthActorsClaims.EmployeeIdOf(user) is { Length: > 0 } employee ? (CallerKind.Person, "employee:" + employee)
        : WealthActorsClaims.KeyNameOf(user) is { Length: > 0 } key ? (CallerKind.Key, "key:" + key)
        : (CallerKind.Anonymous, "ip:" + (remoteAddress ?? "unknown"));
}
