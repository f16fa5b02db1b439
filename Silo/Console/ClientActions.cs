using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Permissions;
using WealthActors.Privacy;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Privacy;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// Reads a client for the console as the API reads one for the same person: their reach (<see cref="CallerAccess"/>),
/// the same masking (<see cref="ClientResponse.From"/>), and an audit entry before unmasked personal data is shown.
/// </summary>
public sealed class ClientActions(IGrainFactory grains, IAuditTrail audit, MaskingRules masking)
{
    /// <summary>The client as <paramref name="person"/> may see them, or null where the API would answer 404.</summary>
    public async Task<ClientResponse?> Read(ConsolePerson person, string clientId)
    {
        if (!new RequestValidation().Id(clientId, "clientId").IsValid)
        {
            return null;
        }

        try
        {
            var view = await grains.GetGrain<IClientGrain>(clientId).GetView();
            var lookup = new OrgLookup(grains);
            await CallerAccess.Require(person.User, lookup, Access.Read, ClientsApi.NotFound(clientId), view.Profile.BranchId, view.Profile.AdvisorId);
            var mask = await CallerMask.Of(person.User, lookup, masking);
            if (mask.RevealsAny)
            {
                // A read that shows personal data in full is audited, and committed before it is shown.
                await audit.AppendAsync(new AuditRecord(
                    AuditChannels.Console, CallerMask.UnmaskedReadAction, "200", EmployeeId: person.EmployeeId, Door: ConsoleSignIn.Door,
                    TargetType: "client", TargetId: clientId, Digest: AuditDigests.Of(clientId)));
            }

            return ClientResponse.From(view, mask);
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }
}
