namespace WealthActors.Handovers;

/// <summary>
/// One advisor handover (key: the handover id): the clients of one advisor moving to another, worked through in the
/// background client by client, each client a list of steps (the client itself, then each of its open complaints).
/// Its progress is stored after every batch of clients and every step is safe to repeat, so a silo that stops mid-way
/// resumes where the stored progress says and no client is lost, moved twice or left half-moved.
/// </summary>
[Alias("WealthActors.IHandoverGrain")]
public interface IHandoverGrain : IGrainWithStringKey
{
    /// <summary>Records the handover and starts it; a second call for the same handover answers the first one's status.</summary>
    [Alias("Start")]
    Task<HandoverStatus> Start(HandoverPlan plan);

    /// <summary>Null for a handover that was never started.</summary>
    [Alias("GetStatus"), ReadOnly, AlwaysInterleave]
    Task<HandoverStatus?> GetStatus();

    /// <summary>Continues a running handover (after a restart); does nothing for a finished or unknown one.</summary>
    [Alias("Resume")]
    Task Resume();
}

/// <summary>Where running handovers are listed, so a starting silo resumes them at once (key: <see cref="Key"/>).</summary>
[Alias("WealthActors.IHandoverRegistryGrain")]
public interface IHandoverRegistryGrain : IGrainWithStringKey
{
    public const string Key = "running";

    [Alias("Add")]
    Task Add(string handoverId);

    [Alias("Remove")]
    Task Remove(string handoverId);

    [Alias("Running"), ReadOnly]
    Task<IReadOnlyList<string>> Running();
}
