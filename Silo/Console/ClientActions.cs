using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Permissions;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// Reads a client for the console as the API reads one for the same person: their reach (<see cref="CallerAccess"/>),
/// the same masking (<see cref="ClientResponse.From"/>), and an audit entry before unmasked personal data is shown.
/// </summary>
public sealed class ClientActions(IGrainFactory grains, IAuditTrail audit)
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
            await CallerAccess.Require(person.User, new OrgLookup(grains), Access.Read, ClientsApi.NotFound(clientId), view.Profile.BranchId, view.Profile.AdvisorId);
            var unmasked = ClientsApi.SeesPersonalData(person.User);
            if (unmasked)
            {
                // A read of unmasked phone and ID numbers is audited, and committed before they are shown.
                await audit.AppendAsync(new AuditRecord(
                    AuditChannels.Console, "client.read-unmasked", "200", EmployeeId: person.EmployeeId, Door: ConsoleSignIn.Door,
                    TargetType: "client", TargetId: clientId, Digest: AuditDigests.Of(clientId)));
            }

            return ClientResponse.From(view, unmasked);
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }
}
