namespace WealthActors.Grains.Clients;

/// <summary>
/// The client's onboarding plan, owed from the holding that made the client New: recorded in the same state write as
/// that holding, so the plan is made once whatever happens after. Its tasks are created after the write, and a crash
/// before <see cref="TasksCreated"/> is stored only creates them again on the next activation, where their ids (client
/// and step) find the ones already there.
/// </summary>
[GenerateSerializer, Alias("WealthActors.ClientOnboarding")]
public sealed class ClientOnboarding
{
    /// <summary>When the client became New: the plan's due dates count from here, however late it is made.</summary>
    [Id(0)] public DateTimeOffset StartedAt { get; set; }

    [Id(1)] public bool TasksCreated { get; set; }
}
