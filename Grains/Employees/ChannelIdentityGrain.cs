using WealthActors.Employees;

namespace WealthActors.Grains.Employees;

/// <summary>One channel user's pointer to an employee; written only by the employee grain on upsert.</summary>
public sealed class ChannelIdentityGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ChannelIdentityState> state) : Grain, IChannelIdentityGrain
{
    public Task<string?> GetEmployeeId() => Task.FromResult(state.State.EmployeeId);

    public async Task Bind(string employeeId)
    {
        if (state.State.EmployeeId == employeeId)
        {
            return;
        }

        state.State.EmployeeId = employeeId;
        await Save();
    }

    public async Task Unbind(string employeeId)
    {
        // Another employee may have claimed this user since; their claim must survive our clean-up.
        if (state.State.EmployeeId != employeeId)
        {
            return;
        }

        state.State.EmployeeId = null;
        await Save();
    }

    private async Task Save()
    {
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
}

[GenerateSerializer, Alias("WealthActors.ChannelIdentityState")]
public sealed class ChannelIdentityState
{
    [Id(0)] public string? EmployeeId { get; set; }
}
