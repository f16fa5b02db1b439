using System.Security.Claims;
using WealthActors.Employees;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>
/// The actor of an API call, built once at the door from who proved themselves, never from the body alone.
/// <list type="bullet">
/// <item>A person acts as themselves: a body field naming someone else (<c>by</c>, <c>openedBy</c>,
/// <c>employeeId</c>) is refused with 403 and nothing changes.</item>
/// <item>A system (an API key) may act for a named employee, who must exist; the actor then keeps both, the employee
/// as its id and the key in its channel (<c>api:{key}</c>). Without a name it acts as itself.</item>
/// </list>
/// </summary>
internal static class ApiActor
{
    public const string Channel = "api";

    /// <param name="mustExist">
    /// False where a system may name someone who is not an employee of this bank's org chart (the call-centre agent who
    /// took a complaint).
    /// </param>
    public static async Task<Actor> Resolve(
        HttpContext http, IGrainFactory grains, string? named, string field, RequestValidation validation, bool mustExist = true)
    {
        if (WealthActorsClaims.EmployeeIdOf(http.User) is { } self)
        {
            if (named is not null && named != self)
            {
                validation.Forbid(field, $"A person acts only as themselves ({self}), not as '{named}'.");
            }

            return Actor.Employee(self, Channel);
        }

        var keyName = WealthActorsClaims.KeyNameOf(http.User) ?? http.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous";
        if (named is null)
        {
            return Actor.System(keyName);
        }

        validation.Id(named, field);
        if (mustExist && validation.IsValid && await grains.GetGrain<IEmployeeGrain>(named).GetProfile() is null)
        {
            validation.Add(field, $"Employee '{named}' does not exist.");
        }

        return Actor.Employee(named, $"{Channel}:{keyName}");
    }

    /// <summary>The caller acting as itself: the person, or the system named after its key.</summary>
    public static Actor Caller(HttpContext http) => WealthActorsClaims.EmployeeIdOf(http.User) is { } self
        ? Actor.Employee(self, Channel)
        : Actor.System(WealthActorsClaims.KeyNameOf(http.User) ?? http.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous");
}
