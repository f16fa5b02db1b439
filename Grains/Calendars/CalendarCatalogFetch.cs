using WealthActors.Calendars;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Calendars;

/// <summary>
/// Brings one calendar from the catalog into this silo at once, for a calendar created or changed through another
/// silo moments ago (the periodic refresh of <see cref="CalendarSync"/> would take up to a minute).
/// </summary>
public static class CalendarCatalogFetch
{
    /// <summary>Takes the catalog's current version of <paramref name="calendarId"/>; false when the catalog has none.</summary>
    public static async Task<bool> FetchFromCatalog(this IBusinessCalendarProvider calendars, IGrainFactory grains, string calendarId)
    {
        var current = await grains.GetGrain<ICalendarCatalogGrain>(ICalendarCatalogGrain.DefaultKey).Get(calendarId);
        if (current is null)
        {
            return false;
        }

        calendars.Update(current);
        return true;
    }
}
