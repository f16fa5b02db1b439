using System.Net;
using System.Security.Claims;
using WealthActors.Audit;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Audit;

/// <summary>The caller and the address of an HTTP request, as its audit entry records them.</summary>
public static class HttpAuditRecords
{
    /// <summary>
    /// Who from the claims every door sets (<see cref="WealthActorsClaims"/>): the employee, the API key's name and how
    /// they came in; a request that proved nothing has none of them.
    /// </summary>
    public static AuditRecord For(HttpContext http, AuditTarget target, string outcome, string? digest)
    {
        var user = http.User;
        return new AuditRecord(
            AuditChannels.Http,
            target.Action,
            outcome,
            EmployeeId: user.FindFirstValue(WealthActorsClaims.EmployeeId),
            KeyName: user.FindFirstValue(WealthActorsClaims.KeyName),
            Door: user.FindFirstValue(WealthActorsClaims.Door),
            ClientAddress: Address(http.Connection.RemoteIpAddress),
            TargetType: target.TargetType,
            TargetId: target.TargetId,
            Digest: digest);
    }

    private static string? Address(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
