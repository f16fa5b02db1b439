using Orleans.Runtime;

namespace WealthActors.Silo.Tests.Storage;

[GenerateSerializer, Alias("WealthActors.Silo.Tests.Storage.TestState")]
public sealed class TestState
{
    [Id(0)] public string? Value { get; set; }
}

public interface IStateTestGrain : IGrainWithStringKey
{
    Task<string?> GetValue();

    Task SetValue(string value);

    Task Clear();

    Task<GrainId> GetId();
}

/// <summary>A grain type with the same key, state name and provider as <see cref="StateTestGrain"/>.</summary>
public interface IOtherStateTestGrain : IStateTestGrain;

/// <summary>Uses the default storage provider.</summary>
public interface IDefaultStateTestGrain : IStateTestGrain;

public sealed class StateTestGrain([PersistentState("state", "wealth")] IPersistentState<TestState> state)
    : StateGrainBase(state), IStateTestGrain;

public sealed class OtherStateTestGrain([PersistentState("state", "wealth")] IPersistentState<TestState> state)
    : StateGrainBase(state), IOtherStateTestGrain;

public sealed class DefaultStateTestGrain([PersistentState("state")] IPersistentState<TestState> state)
    : StateGrainBase(state), IDefaultStateTestGrain;

public abstract class StateGrainBase(IPersistentState<TestState> state) : Grain
{
    public Task<string?> GetValue() => Task.FromResult(state.State.Value);

    public Task SetValue(string value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }

    public Task Clear() => state.ClearStateAsync();

    public Task<GrainId> GetId() => Task.FromResult(this.GetGrainId());
}

public interface IReminderTestGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task Unregister(string name);

    Task<int> Ticks(string name);

    Task<GrainId> GetId();
}

public sealed class ReminderTestGrain : Grain, IReminderTestGrain, IRemindable
{
    private readonly Dictionary<string, int> _ticks = [];

    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> Ticks(string name) => Task.FromResult(_ticks.GetValueOrDefault(name));

    public Task<GrainId> GetId() => Task.FromResult(this.GetGrainId());

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks[reminderName] = _ticks.GetValueOrDefault(reminderName) + 1;
        return Task.CompletedTask;
    }
}
