using WealthActors.Calendars;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Calendars;

/// <summary>What makes a calendar definition usable, and how it becomes the <see cref="BusinessCalendar"/> clocks count in.</summary>
public static class BusinessCalendarRules
{
    public const int MaxNameLength = 100;

    /// <summary>Far more than decades of holidays; a bound keeps one calendar from bloating every silo's memory.</summary>
    public const int MaxDates = 5000;

    /// <summary>Every problem, each naming its JSON field; empty when the calendar is usable.</summary>
    public static IReadOnlyList<CalendarProblem> Validate(BusinessCalendarDefinition calendar)
    {
        var problems = new List<CalendarProblem>();
        if (string.IsNullOrWhiteSpace(calendar.Name))
        {
            problems.Add(new("name", "is required."));
        }
        else if (calendar.Name.Length > MaxNameLength)
        {
            problems.Add(new("name", $"must be at most {MaxNameLength} characters."));
        }

        if (FindTimeZone(calendar.TimeZone) is null)
        {
            problems.Add(new("timeZone", $"'{calendar.TimeZone}' is not a known time zone; use an IANA name such as Asia/Shanghai."));
        }

        if (calendar.WorkingHours is { } hours && hours.End <= hours.Start)
        {
            problems.Add(new("workingHours.end", "must be after workingHours.start (working hours within one local day)."));
        }

        if (calendar.Holidays.Count + calendar.MakeUpWorkingDays.Count > MaxDates)
        {
            problems.Add(new("holidays", $"holidays and make-up working days together must be at most {MaxDates} dates."));
        }

        var holidays = new HashSet<DateOnly>();
        for (var i = 0; i < calendar.Holidays.Count; i++)
        {
            if (!holidays.Add(calendar.Holidays[i].Date))
            {
                problems.Add(new($"holidays[{i}].date", $"{calendar.Holidays[i].Date:yyyy-MM-dd} is listed more than once."));
            }
        }

        var makeUp = new HashSet<DateOnly>();
        for (var i = 0; i < calendar.MakeUpWorkingDays.Count; i++)
        {
            var date = calendar.MakeUpWorkingDays[i];
            if (!makeUp.Add(date))
            {
                problems.Add(new($"makeUpWorkingDays[{i}]", $"{date:yyyy-MM-dd} is listed more than once."));
            }
            else if (holidays.Contains(date))
            {
                // Guessing which was meant would move deadlines silently.
                problems.Add(new($"makeUpWorkingDays[{i}]", $"{date:yyyy-MM-dd} is also listed as a holiday."));
            }
        }

        return problems;
    }

    /// <summary>The calendar clocks count in; the definition must be valid.</summary>
    public static BusinessCalendar Build(BusinessCalendarDefinition calendar) => new(
        calendar.Id,
        FindTimeZone(calendar.TimeZone) ?? throw new ArgumentException($"Unknown time zone '{calendar.TimeZone}'.", nameof(calendar)),
        calendar.Holidays.Select(h => h.Date),
        calendar.MakeUpWorkingDays,
        calendar.WorkingHours,
        calendar.Version);

    public static TimeZoneInfo? FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
