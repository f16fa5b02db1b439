using WealthActors.Handovers;

namespace WealthActors.Grains.Handovers;

[GenerateSerializer, Alias("WealthActors.HandoverState")]
public sealed class HandoverState
{
    [Id(0)] public HandoverPlan? Plan { get; set; }
    [Id(1)] public HandoverRunState Status { get; set; }

    /// <summary>How many clients of the plan, from its start, have had all their steps done.</summary>
    [Id(2)] public int Next { get; set; }
    [Id(3)] public int Moved { get; set; }
    [Id(4)] public int Skipped { get; set; }
    [Id(5)] public int ComplaintsMoved { get; set; }
    [Id(6)] public List<string> SkippedClientIds { get; set; } = [];
    [Id(7)] public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The people are told and the end is in the audit trail: nothing is left to do.</summary>
    [Id(8)] public bool Concluded { get; set; }

    /// <summary>Open tasks of the moved clients handed from the departing advisor to the new one.</summary>
    [Id(9)] public int TasksMoved { get; set; }

    /// <summary>Open service requests of the moved clients handed from the departing advisor to the new one.</summary>
    [Id(10)] public int RequestsMoved { get; set; }
}
