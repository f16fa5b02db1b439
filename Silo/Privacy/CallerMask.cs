using System.Security.Claims;
using WealthActors.Privacy;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Privacy;

/// <summary>How much of a client's personal data the HTTP caller sees, by the masking rules.</summary>
internal static class CallerMask
{
    public static async Task<ClientMask> Of(HttpContext http, IGrainFactory grains, MaskingRules rules)
    {
        if (await CallerAccess.Person(http, grains) is { } person)
        {
            return rules.For(person.Role);
        }

        // A key's roles name its audiences; a key holding the managers' role sees what a branch head sees.
        return rules.For(http.User.FindAll(ClaimTypes.Role)
            .Select(c => c.Value == ApiRoles.Manager ? nameof(EmployeeRole.BranchHead) : c.Value));
    }
}
