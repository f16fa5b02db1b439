using System.Security.Claims;
using WealthActors.Permissions;

namespace WealthActors.Silo.Auth;

/// <summary>
/// Applies the one access rule (<see cref="AccessRules"/>, <see cref="AccessScope"/>) to an HTTP caller. A person
/// reaches the clients and cases of their place in the organisation: a record outside it answers 404 as if it did not
/// exist, one they may read but not change answers 403, and their lists hold only what they reach. A system (an API
/// key) is not narrowed: the route policies of its key are its limits.
/// </summary>
internal static class CallerAccess
{
    private static readonly object LookupKey = new();

    /// <summary>Whether the caller is a person, whose reach is checked (systems skip the lookups altogether).</summary>
    public static bool IsPerson(HttpContext http) => WealthActorsClaims.EmployeeIdOf(http.User) is not null;

    /// <summary>The person calling, or null for a system.</summary>
    public static Task<AccessPrincipal?> Person(HttpContext http, IGrainFactory grains) => Person(http.User, Lookup(http, grains));

    /// <summary>
    /// The person <paramref name="user"/> is, or null for a system: for callers without an HTTP request of their own
    /// (a console page's circuit), which bring their own <paramref name="lookup"/>.
    /// </summary>
    public static async Task<AccessPrincipal?> Person(ClaimsPrincipal user, OrgLookup lookup)
    {
        if (WealthActorsClaims.EmployeeIdOf(user) is not { } self)
        {
            return null;
        }

        // Authentication admitted the person only with an active employee record, so it is there.
        var profile = await lookup.Employee(self) ?? throw new PermissionDeniedException("Unknown employee.");
        return new AccessPrincipal(self, profile.Role, profile.BranchId);
    }

    /// <summary>What the caller's lists may hold; null (everything) for a system.</summary>
    public static async Task<AccessScope?> Scope(HttpContext http, IGrainFactory grains) =>
        await Person(http, grains) is { } person ? await ScopeOf(person, grains) : null;

    /// <summary>What <paramref name="user"/>'s lists may hold; null (everything) for a system.</summary>
    public static async Task<AccessScope?> Scope(ClaimsPrincipal user, IGrainFactory grains) =>
        await Person(user, new OrgLookup(grains)) is { } person ? await ScopeOf(person, grains) : null;

    private static async Task<AccessScope> ScopeOf(AccessPrincipal person, IGrainFactory grains)
    {
        var reports = person.Role == EmployeeRole.TeamLead
            ? await grains.GetGrain<Employees.IEmployeeGrain>(person.EmployeeId).GetReports()
            : [];
        return AccessScope.Of(person, reports);
    }

    /// <summary>Whether the caller may read a record of <paramref name="branchId"/> owned by <paramref name="owners"/>.</summary>
    public static async Task<bool> Reaches(HttpContext http, IGrainFactory grains, string branchId, params string?[] owners)
    {
        if (await Person(http, grains) is not { } person)
        {
            return true;
        }

        return AccessRules.Allows(person, await Lookup(http, grains).Subject(person, branchId, owners), Access.Read);
    }

    /// <summary>Throws the 404 or 403 a person outside the record's reach gets; returns for everyone else.</summary>
    public static Task Require(
        HttpContext http, IGrainFactory grains, Access access, string notFound, string branchId, params string?[] owners) =>
        Require(http.User, Lookup(http, grains), access, notFound, branchId, owners);

    /// <summary>As above, for a caller without an HTTP request of its own, with its own <paramref name="lookup"/>.</summary>
    public static async Task Require(
        ClaimsPrincipal user, OrgLookup lookup, Access access, string notFound, string branchId, params string?[] owners)
    {
        if (await Person(user, lookup) is not { } person)
        {
            return;
        }

        var subject = await lookup.Subject(person, branchId, owners);
        if (!AccessRules.Allows(person, subject, Access.Read))
        {
            throw new EntityNotFoundException(notFound);
        }

        if (access == Access.Write && !AccessRules.Allows(person, subject, Access.Write))
        {
            throw new PermissionDeniedException($"{person.EmployeeId} may read but not change this.");
        }
    }

    // One lookup per request, so a record's owners and branch are loaded once however often the request asks.
    private static OrgLookup Lookup(HttpContext http, IGrainFactory grains)
    {
        if (http.Items[LookupKey] is not OrgLookup lookup)
        {
            http.Items[LookupKey] = lookup = new OrgLookup(grains);
        }

        return lookup;
    }
}
