using Microsoft.Extensions.Logging;
using WealthActors.Calendars;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Complaints;

public sealed partial class ComplaintGrain
{
    /// <summary>The id of the business calendar this case counts in (after the fallback), or null on a Calendar clock.</summary>
    private string? CalendarId => S.Policy.Clock == ClockKind.Business ? Calendar.Id : null;

    /// <summary>The calendar the policy names while the clock counts in another (the catalog has no such calendar yet).</summary>
    private string? AwaitedCalendarId =>
        CalendarId is { } inEffect && S.Policy.CalendarId is { } named && named != inEffect ? named : null;

    public async Task CalendarChanged(BusinessCalendarDefinition calendar)
    {
        Calendars.Update(calendar);
        // Versions are compared within one calendar: the calendar the policy names, created after the case opened,
        // takes over from the default whatever version number each has.
        var sameCalendar = S.CountedCalendarId == calendar.Id;
        if (!S.Opened || CalendarId != calendar.Id || (sameCalendar && calendar.Version < S.CalendarVersion))
        {
            return;
        }

        S.CalendarVersion = calendar.Version;
        S.CountedCalendarId = calendar.Id;

        // The same path as a command: what fell due under the new calendar fires now, and the next deadline is re-armed.
        await CommitChange(Clock.GetUtcNow());
        LogCalendarChanged(Logger, CaseId, calendar.Id, calendar.Version, S.ArmedDeadline);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Complaint {ComplaintId}: calendar {CalendarId} v{Version} applied; next deadline {NextDeadline}")]
    private static partial void LogCalendarChanged(ILogger logger, string complaintId, string calendarId, int version, DateTimeOffset? nextDeadline);
}
