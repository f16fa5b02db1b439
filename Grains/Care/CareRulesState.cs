using WealthActors.Care;

namespace WealthActors.Grains.Care;

[GenerateSerializer, Alias("WealthActors.CareRulesState")]
public sealed class CareRulesState
{
    /// <summary>Null until first written: the shipped defaults apply until then.</summary>
    [Id(0)] public CareRules? Rules { get; set; }

    /// <summary>Every version saved since history was kept (absent in documents stored before).</summary>
    [Id(1)] public List<SettingsVersion<CareRules>> History { get; set; } = [];
}
