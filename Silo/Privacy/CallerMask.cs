using System.Security.Claims;
using WealthActors.Permissions;
using WealthActors.Privacy;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Privacy;

/// <summary>How much of a client's personal data a caller sees, by the masking rules: the API and the console alike.</summary>
internal static class CallerMask
{
    /// <summary>The audit action of a view that shows personal data in full, whichever door showed it.</summary>
    public const string UnmaskedReadAction = "client.read-unmasked";

    public static async Task<ClientMask> Of(HttpContext http, IGrainFactory grains, MaskingRules rules) =>
        await CallerAccess.Person(http, grains) is { } person ? rules.For(person.Role) : OfKey(http.User, rules);

    public static async Task<ClientMask> Of(ClaimsPrincipal user, OrgLookup lookup, MaskingRules rules) =>
        await CallerAccess.Person(user, lookup) is { } person ? rules.For(person.Role) : OfKey(user, rules);

    // A key's roles name its audiences; a key holding the managers' role sees what a branch head sees.
    private static ClientMask OfKey(ClaimsPrincipal user, MaskingRules rules) =>
        rules.For(user.FindAll(ClaimTypes.Role).Select(c => c.Value == ApiRoles.Manager ? nameof(EmployeeRole.BranchHead) : c.Value));
}
