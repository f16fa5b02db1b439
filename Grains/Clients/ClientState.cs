using WealthActors.Clients;

namespace WealthActors.Grains.Clients;

[GenerateSerializer, Alias("WealthActors.ClientState")]
public sealed class ClientState
{
    [Id(0)] public ClientProfile? Profile { get; set; }
    [Id(1)] public List<Holding> Holdings { get; set; } = [];
    [Id(2)] public List<HouseholdMember> Household { get; set; } = [];

    /// <summary>The most recent interactions only (bounded); the full history lives in the read model.</summary>
    [Id(3)] public List<Interaction> RecentInteractions { get; set; } = [];
    [Id(4)] public HashSet<string> OpenComplaints { get; set; } = [];
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset? LastInteractionAt { get; set; }
    [Id(7)] public long Revision { get; set; }
}
