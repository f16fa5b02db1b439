using WealthActors.Sla;

namespace WealthActors.Grains.Sla;

/// <summary>Resolves the calendar an SLA clock counts in.</summary>
public interface IBusinessCalendarProvider
{
    IBusinessCalendar Get(ClockKind clock, string? calendarId);
}
