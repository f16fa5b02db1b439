using WealthActors.Channels;

namespace WealthActors.Grains.Channels;

/// <summary>The last Connector address and bot account seen in one tenant; written only when they change.</summary>
public sealed class TeamsTenantGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<TeamsTenantState> state) : Grain, ITeamsTenantGrain
{
    public async Task Remember(TeamsTenantContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (contact == state.State.Contact)
        {
            return;
        }

        state.State.Contact = contact;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<TeamsTenantContact?> Get() => Task.FromResult(state.State.Contact);
}

[GenerateSerializer, Alias("WealthActors.TeamsTenantState")]
public sealed class TeamsTenantState
{
    [Id(0)] public TeamsTenantContact? Contact { get; set; }
}
