using WealthActors.Sla;

namespace WealthActors.Grains.Policies;

[GenerateSerializer, Alias("WealthActors.SlaPolicyCatalogState")]
public sealed class SlaPolicyCatalogState
{
    /// <summary>Null until first written: the shipped defaults apply until then.</summary>
    [Id(0)] public Dictionary<string, SlaPolicy>? Policies { get; set; }

    /// <summary>Policy id → every version saved since history was kept (absent in catalogs stored before).</summary>
    [Id(1)] public Dictionary<string, List<SettingsVersion<SlaPolicy>>> History { get; set; } = new(StringComparer.Ordinal);
}
