using WealthActors.Care;

namespace WealthActors.Grains.Care;

[GenerateSerializer, Alias("WealthActors.CareRulesState")]
public sealed class CareRulesState
{
    /// <summary>Null until first written: the shipped defaults apply until then.</summary>
    [Id(0)] public CareRules? Rules { get; set; }
}
