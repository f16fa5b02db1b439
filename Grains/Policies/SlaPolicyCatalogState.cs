using WealthActors.Sla;

namespace WealthActors.Grains.Policies;

[GenerateSerializer, Alias("WealthActors.SlaPolicyCatalogState")]
public sealed class SlaPolicyCatalogState
{
    /// <summary>Null until first written: the shipped defaults apply until then.</summary>
    [Id(0)] public Dictionary<string, SlaPolicy>? Policies { get; set; }
}
