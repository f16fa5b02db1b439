using WealthActors.Calendars;

namespace WealthActors.Grains.Calendars;

[GenerateSerializer, Alias("WealthActors.CalendarCatalogState")]
public sealed class CalendarCatalogState
{
    /// <summary>Null until first written: the shipped calendars apply until then.</summary>
    [Id(0)] public Dictionary<string, BusinessCalendarDefinition>? Calendars { get; set; }

    /// <summary>Calendar id → the version whose re-arm of open cases has not finished yet.</summary>
    [Id(1)] public Dictionary<string, int> PendingRearm { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Calendar id → every version saved since history was kept (absent in catalogs stored before).</summary>
    [Id(2)] public Dictionary<string, List<SettingsVersion<BusinessCalendarDefinition>>> History { get; set; } = new(StringComparer.Ordinal);
}
