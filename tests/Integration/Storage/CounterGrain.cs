namespace WealthActors.Integration.Storage;

[GenerateSerializer, Alias("WealthActors.Integration.CounterState")]
public sealed class CounterState
{
    [Id(0)] public int Value { get; set; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task<GrainId> GetId();
}

/// <summary>A grain whose every call is a read-modify-write of its persisted state.</summary>
public sealed class CounterGrain([PersistentState("state", "wealth")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<GrainId> GetId() => Task.FromResult(this.GetGrainId());
}
