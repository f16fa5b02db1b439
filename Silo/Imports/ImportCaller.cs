using System.Security.Claims;
using WealthActors.Imports;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Imports;

/// <summary>
/// Who an import acts as. The caller who uploads it is kept in its ticket, and its rows are upserted as that caller,
/// through the same access checks their requests would meet. A person is looked up again when the import runs (a
/// person deactivated or moved meanwhile has the rights they have now); a system keeps the roles its key had.
/// </summary>
internal static class ImportCaller
{
    public const string Door = "import";

    public static ImportTicket Ticket(
        ClaimsPrincipal user, ImportKind kind, IReadOnlyList<string> columns, int total, string digest, DateTimeOffset now)
    {
        var employeeId = WealthActorsClaims.EmployeeIdOf(user);
        var keyName = employeeId is null ? WealthActorsClaims.KeyNameOf(user) ?? user.FindFirstValue(ClaimTypes.Name) : null;
        var roles = employeeId is null ? user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray() : [];
        return new ImportTicket(kind.Name, employeeId, keyName, roles, user.FindFirstValue(WealthActorsClaims.Door), total, digest, now, columns);
    }

    public static async Task<ClaimsPrincipal> Principal(ImportTicket ticket, IGrainFactory grains)
    {
        if (ticket.EmployeeId is { } employeeId)
        {
            return new ClaimsPrincipal(await PersonIdentity.For(employeeId, ticket.Door ?? Door, grains));
        }

        var identity = new ClaimsIdentity(Door, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(WealthActorsClaims.Door, ticket.Door ?? Door));
        if (ticket.KeyName is { } key)
        {
            identity.AddClaim(new Claim(WealthActorsClaims.KeyName, key));
            identity.AddClaim(new Claim(ClaimTypes.Name, key));
        }

        identity.AddClaims(ticket.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The caller who started the import, or one who oversees every import (an administrator, compliance).</summary>
    public static bool MayFollow(ClaimsPrincipal user, ImportTicket ticket) =>
        user.IsInRole(ApiRoles.Admin) || user.IsInRole(ApiRoles.Compliance)
        || (ticket.EmployeeId is { } employee ? WealthActorsClaims.EmployeeIdOf(user) == employee
            : WealthActorsClaims.EmployeeIdOf(user) is null && (WealthActorsClaims.KeyNameOf(user) ?? user.FindFirstValue(ClaimTypes.Name)) == ticket.KeyName);
}
