using System.Collections.Concurrent;
using WealthActors.Calendars;
using WealthActors.Grains.Calendars;
using WealthActors.Sla;

namespace WealthActors.Grains.Sla;

/// <summary>
/// The known business calendars by id, starting from the shipped ones. Calendar clocks always count continuously; a
/// Business clock whose calendar id is null or unknown counts in the default calendar (<see cref="DefaultCalendarId"/>),
/// so a policy that names a calendar not (yet) configured still gets deadlines instead of failing the case.
/// </summary>
public sealed class BusinessCalendarProvider : IBusinessCalendarProvider
{
    public const string DefaultCalendarId = ShippedCalendars.MainlandChinaId;

    // Read on every evaluation from many grains at once while an edit may replace an entry.
    private readonly ConcurrentDictionary<string, IBusinessCalendar> _calendars = new(StringComparer.Ordinal);

    public BusinessCalendarProvider(IEnumerable<IBusinessCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);

        _calendars[BusinessCalendar.WeekdaysShanghaiId] = BusinessCalendar.WeekdaysShanghai;
        _calendars[DefaultCalendarId] = BusinessCalendarRules.Build(ShippedCalendars.MainlandChina);
        foreach (var calendar in calendars)
        {
            Replace(calendar);
        }
    }

    public IBusinessCalendar Get(ClockKind clock, string? calendarId) => clock switch
    {
        ClockKind.Calendar => ContinuousCalendar.Instance,
        ClockKind.Business when calendarId is not null && _calendars.TryGetValue(calendarId, out var calendar) => calendar,

        // The default entry may itself have been replaced (e.g. with next year's holidays), so look it up rather than using a static.
        ClockKind.Business => _calendars[DefaultCalendarId],
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "Unknown clock kind."),
    };

    public int VersionOf(string calendarId) =>
        _calendars.TryGetValue(calendarId, out var calendar) ? (calendar as BusinessCalendar)?.Version ?? 1 : 0;

    public bool Update(BusinessCalendarDefinition calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var built = BusinessCalendarRules.Build(calendar);
        while (true)
        {
            if (!_calendars.TryGetValue(calendar.Id, out var held))
            {
                if (_calendars.TryAdd(calendar.Id, built))
                {
                    return true;
                }

                continue;
            }

            // Versions only move forward: a late or repeated notice of an older version changes nothing.
            if (((held as BusinessCalendar)?.Version ?? 1) >= calendar.Version)
            {
                return false;
            }

            if (_calendars.TryUpdate(calendar.Id, built, held))
            {
                return true;
            }
        }
    }

    /// <summary>Adds a calendar or replaces the one with the same id whatever its version (configuration and tests).</summary>
    public void Replace(IBusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentException.ThrowIfNullOrWhiteSpace(calendar.Id);
        _calendars[calendar.Id] = calendar;
    }
}
