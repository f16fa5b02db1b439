using System.Security.Claims;
using WealthActors.Employees;

namespace WealthActors.Silo.Apis;

internal static class ApiActor
{
    /// <summary>
    /// The actor of an API call: the employee named in the body's <c>by</c> when given (it must exist), otherwise the
    /// calling system, named after its API key.
    /// </summary>
    public static async Task<Actor> Resolve(HttpContext http, IGrainFactory grains, string? by, RequestValidation validation)
    {
        var keyName = http.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous";
        if (by is null)
        {
            return Actor.System(keyName);
        }

        validation.Id(by, "by");
        if (validation.IsValid && await grains.GetGrain<IEmployeeGrain>(by).GetProfile() is null)
        {
            validation.Add("by", $"Employee '{by}' does not exist.");
        }

        return Actor.Employee(by, $"api:{keyName}");
    }
}
