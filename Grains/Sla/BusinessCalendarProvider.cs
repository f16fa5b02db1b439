using System.Collections.Concurrent;
using WealthActors.Sla;

namespace WealthActors.Grains.Sla;

/// <summary>
/// The known business calendars by id. Calendar clocks always count continuously; a Business clock whose calendar id
/// is null or unknown counts in the default calendar (<see cref="BusinessCalendar.WeekdaysShanghaiId"/>), so a policy
/// that names a calendar not (yet) configured still gets deadlines instead of failing the case.
/// </summary>
public sealed class BusinessCalendarProvider : IBusinessCalendarProvider
{
    // Read on every evaluation from many grains at once while an edit may replace an entry.
    private readonly ConcurrentDictionary<string, IBusinessCalendar> _calendars = new(StringComparer.Ordinal);

    public BusinessCalendarProvider(IEnumerable<IBusinessCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);

        _calendars[BusinessCalendar.WeekdaysShanghaiId] = BusinessCalendar.WeekdaysShanghai;
        foreach (var calendar in calendars)
        {
            Replace(calendar);
        }
    }

    public IBusinessCalendar Get(ClockKind clock, string? calendarId) => clock switch
    {
        ClockKind.Calendar => ContinuousCalendar.Instance,
        ClockKind.Business when calendarId is not null && _calendars.TryGetValue(calendarId, out var calendar) => calendar,

        // The default entry may itself have been replaced (e.g. with this year's holidays), so look it up rather than using the static.
        ClockKind.Business => _calendars[BusinessCalendar.WeekdaysShanghaiId],
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "Unknown clock kind."),
    };

    /// <summary>Adds a calendar or replaces the one with the same id; cases re-evaluate against it from their next evaluation.</summary>
    public void Replace(IBusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentException.ThrowIfNullOrWhiteSpace(calendar.Id);
        _calendars[calendar.Id] = calendar;
    }
}
