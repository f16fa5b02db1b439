using Microsoft.Extensions.Logging;
using WealthActors.Handovers;

namespace WealthActors.Grains.Clients;

public sealed partial class ClientGrain
{
    public async Task<ClientHandoverResult> HandOver(string from, string to, Actor actor)
    {
        if (state.State.Profile is not { } profile)
        {
            return new ClientHandoverResult(ClientHandoverOutcome.NotTheirs, []);
        }

        var open = state.State.OpenComplaints?.Order(StringComparer.Ordinal).ToArray() ?? [];
        if (string.Equals(profile.AdvisorId, to, StringComparison.Ordinal))
        {
            // A step repeated after a crash: the state is moved, but on SQLite the crash may have come before its
            // projection was published, so the read model is told again (an upsert of the same row changes nothing).
            await readModel.UpsertClient(Row(clock.GetUtcNow()) with { Holdings = null });
            return new ClientHandoverResult(ClientHandoverOutcome.AlreadyMoved, open);
        }

        if (!string.Equals(profile.AdvisorId, from, StringComparison.Ordinal))
        {
            return new ClientHandoverResult(ClientHandoverOutcome.NotTheirs, []);
        }

        // Only the advisor changes: holdings, household, interactions and complaints stay with the client.
        state.State.Profile = profile with { AdvisorId = SharedText.Of(to) };
        await SaveAndProject();
        LogHandedOver(logger, ClientId, from, to, actor.Id);
        return new ClientHandoverResult(ClientHandoverOutcome.Moved, open);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} handed over from {From} to {To} by {ActorId}")]
    private static partial void LogHandedOver(ILogger logger, string clientId, string from, string to, string actorId);
}
