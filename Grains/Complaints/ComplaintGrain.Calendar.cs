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
        calendars.Update(calendar);
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
        await Commit(clock.GetUtcNow(), CommitCause.Command);
        LogCalendarChanged(logger, ComplaintId, calendar.Id, calendar.Version, S.ArmedDeadline);
    }

    /// <summary>
    /// Makes this silo hold the calendar <paramref name="policy"/> counts in, at least at <paramref name="minimumVersion"/>:
    /// a calendar created or changed through another silo may not have reached this one yet (its periodic refresh
    /// would take up to a minute). Only then is the catalog asked.
    /// </summary>
    private async Task EnsureCalendar(SlaPolicy policy, int minimumVersion)
    {
        if (policy.Clock != ClockKind.Business)
        {
            return;
        }

        var calendarId = policy.CalendarId ?? BusinessCalendarProvider.DefaultCalendarId;
        if (calendars.VersionOf(calendarId) == 0 && !await Fetch(calendarId))
        {
            // Not a calendar of the catalog either: the clock counts in the default one.
            calendarId = BusinessCalendarProvider.DefaultCalendarId;
        }

        if (calendars.VersionOf(calendarId) < minimumVersion)
        {
            await Fetch(calendarId);
        }
    }

    /// <summary>Takes the catalog's current version of a calendar; false when the catalog has none or cannot be reached.</summary>
    private async Task<bool> Fetch(string calendarId)
    {
        try
        {
            return await calendars.FetchFromCatalog(GrainFactory, calendarId);
        }
        catch (Exception ex)
        {
            // The case still counts, in the version this silo holds; the silo's periodic refresh catches up.
            LogCalendarFetchFailed(logger, ex, ComplaintId, calendarId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: fetching calendar {CalendarId} from the catalog failed")]
    private static partial void LogCalendarFetchFailed(ILogger logger, Exception exception, string complaintId, string calendarId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Complaint {ComplaintId}: calendar {CalendarId} v{Version} applied; next deadline {NextDeadline}")]
    private static partial void LogCalendarChanged(ILogger logger, string complaintId, string calendarId, int version, DateTimeOffset? nextDeadline);
}
