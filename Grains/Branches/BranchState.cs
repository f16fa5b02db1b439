using WealthActors.Branches;

namespace WealthActors.Grains.Branches;

[GenerateSerializer, Alias("WealthActors.BranchState")]
public sealed class BranchState
{
    [Id(0)] public BranchProfile? Profile { get; set; }

    /// <summary>The branch-local date of the last SLA digest delivered to the head; one digest per local date.</summary>
    [Id(1)] public DateOnly? LastDigestDate { get; set; }
}
