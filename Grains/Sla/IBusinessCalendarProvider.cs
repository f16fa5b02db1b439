using WealthActors.Calendars;
using WealthActors.Sla;

namespace WealthActors.Grains.Sla;

/// <summary>Resolves the calendar an SLA clock counts in; one per silo, kept at the catalog's current versions.</summary>
public interface IBusinessCalendarProvider
{
    IBusinessCalendar Get(ClockKind clock, string? calendarId);

    /// <summary>The version held for <paramref name="calendarId"/>; 0 when this silo does not know it.</summary>
    int VersionOf(string calendarId);

    /// <summary>Takes <paramref name="calendar"/> unless the version held is the same or newer. Returns true when taken.</summary>
    bool Update(BusinessCalendarDefinition calendar);
}
