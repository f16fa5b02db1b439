using WealthActors.Handovers;

namespace WealthActors.Grains.Handovers;

[GenerateSerializer, Alias("WealthActors.HandoverRegistryState")]
public sealed class HandoverRegistryState
{
    [Id(0)] public HashSet<string> Running { get; set; } = new(StringComparer.Ordinal);
}

public sealed class HandoverRegistryGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<HandoverRegistryState> state) : Grain, IHandoverRegistryGrain
{
    public async Task Add(string handoverId)
    {
        if (state.State.Running.Add(handoverId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task Remove(string handoverId)
    {
        if (state.State.Running.Remove(handoverId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> Running() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Running.Order(StringComparer.Ordinal)]);
}
