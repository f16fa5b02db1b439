using System.Globalization;
using System.Text.Json;
using WealthActors.Calendars;

namespace WealthActors.Grains.Calendars;

/// <summary>
/// The JSON form of a business calendar, used by the shipped data files and the HTTP API (README, "Business
/// calendars"). Dates are <c>yyyy-MM-dd</c>, working hours <c>HH:mm</c>; <see cref="Version"/> is set by the catalog.
/// </summary>
public sealed record BusinessCalendarDocument(
    string? Id,
    int? Version,
    string? Name,
    string? TimeZone,
    WorkingHoursDocument? WorkingHours,
    IReadOnlyList<HolidayDocument>? Holidays,
    IReadOnlyList<string>? MakeUpWorkingDays,
    string? Source = null)
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static BusinessCalendarDocument From(BusinessCalendarDefinition calendar) => new(
        calendar.Id,
        calendar.Version,
        calendar.Name,
        calendar.TimeZone,
        calendar.WorkingHours is { } hours ? new WorkingHoursDocument(Time(hours.Start), Time(hours.End)) : null,
        calendar.Holidays.Select(h => new HolidayDocument(Date(h.Date), h.Name)).ToArray(),
        calendar.MakeUpWorkingDays.Select(Date).ToArray(),
        calendar.Source);

    /// <summary>
    /// Reads the document as calendar <paramref name="id"/> at version 0 (the catalog numbers it), adding one problem per
    /// unreadable or inconsistent field to <paramref name="problems"/>; returns null when there was any.
    /// </summary>
    public BusinessCalendarDefinition? ToDefinition(string id, ICollection<CalendarProblem> problems)
    {
        var before = problems.Count;
        WorkingHours? hours = null;
        if (WorkingHours is not null)
        {
            var start = ParseTime(WorkingHours.Start, "workingHours.start", problems);
            var end = ParseTime(WorkingHours.End, "workingHours.end", problems);
            hours = start is { } s && end is { } e ? new WorkingHours(s, e) : null;
        }

        var holidays = (Holidays ?? []).Select((h, i) =>
        {
            var date = ParseDate(h?.Date, $"holidays[{i}].date", problems);
            return date is { } d ? new CalendarHoliday(d, h?.Name?.Trim() ?? "") : null;
        }).ToArray();
        var makeUp = (MakeUpWorkingDays ?? []).Select((text, i) => ParseDate(text, $"makeUpWorkingDays[{i}]", problems)).ToArray();
        if (problems.Count > before)
        {
            return null;
        }

        var calendar = new BusinessCalendarDefinition(
            id,
            Name?.Trim() ?? "",
            0,
            string.IsNullOrWhiteSpace(TimeZone) ? BusinessCalendarDefinition.DefaultTimeZone : TimeZone.Trim(),
            hours,
            holidays.OfType<CalendarHoliday>().ToArray(),
            makeUp.OfType<DateOnly>().ToArray(),
            string.IsNullOrWhiteSpace(Source) ? null : Source.Trim());
        foreach (var problem in BusinessCalendarRules.Validate(calendar))
        {
            problems.Add(problem);
        }

        return problems.Count > before ? null : calendar;
    }

    private static DateOnly? ParseDate(string? text, string field, ICollection<CalendarProblem> problems)
    {
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(new CalendarProblem(field, $"'{text}' is not a date in the form yyyy-MM-dd."));
        return null;
    }

    private static TimeOnly? ParseTime(string? text, string field, ICollection<CalendarProblem> problems)
    {
        if (TimeOnly.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        problems.Add(new CalendarProblem(field, $"'{text}' is not a local time in the form HH:mm."));
        return null;
    }

    private static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string Time(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);
}

public sealed record WorkingHoursDocument(string? Start, string? End);

public sealed record HolidayDocument(string? Date, string? Name);

/// <summary>One thing wrong with a calendar: the JSON field (e.g. <c>holidays[3].date</c>) and what is wrong with it.</summary>
public sealed record CalendarProblem(string Field, string Message);
