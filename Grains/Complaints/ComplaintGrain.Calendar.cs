using Microsoft.Extensions.Logging;
using WealthActors.Calendars;
using WealthActors.Sla;

namespace WealthActors.Grains.Complaints;

public sealed partial class ComplaintGrain
{
    /// <summary>The id of the business calendar this case counts in (after the fallback), or null on a Calendar clock.</summary>
    private string? CalendarId => S.Policy.Clock == ClockKind.Business ? Calendar.Id : null;

    public async Task CalendarChanged(BusinessCalendarDefinition calendar)
    {
        calendars.Update(calendar);
        if (!S.Opened || CalendarId != calendar.Id || calendar.Version < S.CalendarVersion)
        {
            return;
        }

        S.CalendarVersion = Math.Max(S.CalendarVersion, calendar.Version);

        // The same path as a command: what fell due under the new calendar fires now, and the next deadline is re-armed.
        await Commit(clock.GetUtcNow(), CommitCause.Command);
        LogCalendarChanged(logger, ComplaintId, calendar.Id, calendar.Version, S.ArmedDeadline);
    }

    /// <summary>A case told of a newer calendar than this silo holds (it was told on another silo) fetches it first.</summary>
    private async Task CatchUpCalendar()
    {
        if (CalendarId is not { } calendarId || calendars.VersionOf(calendarId) >= S.CalendarVersion)
        {
            return;
        }

        var current = await GrainFactory.GetGrain<ICalendarCatalogGrain>(ICalendarCatalogGrain.DefaultKey).Get(calendarId);
        if (current is not null)
        {
            calendars.Update(current);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Complaint {ComplaintId}: calendar {CalendarId} v{Version} applied; next deadline {NextDeadline}")]
    private static partial void LogCalendarChanged(ILogger logger, string complaintId, string calendarId, int version, DateTimeOffset? nextDeadline);
}
