using WealthActors.Branches;

namespace WealthActors.Grains.Branches;

[GenerateSerializer, Alias("WealthActors.BranchState")]
public sealed class BranchState
{
    [Id(0)] public BranchProfile? Profile { get; set; }
}
