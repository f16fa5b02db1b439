using System.Collections.Frozen;

namespace WealthActors.Grains.Sla;

/// <summary>
/// Working days in a time zone: Monday–Friday except listed holidays, plus listed make-up working days (调休, e.g. a
/// Saturday that is worked). A working day counts in full, from the instant its local date begins to the instant the
/// next one begins, so where DST applies a working day may be 23 or 25 hours long.
/// </summary>
public sealed class BusinessCalendar : IBusinessCalendar
{
    public const string WeekdaysShanghaiId = "cn-weekdays";

    private readonly FrozenSet<DateOnly> _holidays;
    private readonly FrozenSet<DateOnly> _makeUpWorkingDays;

    public BusinessCalendar(
        string id,
        TimeZoneInfo timeZone,
        IEnumerable<DateOnly> holidays,
        IEnumerable<DateOnly> makeUpWorkingDays)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(makeUpWorkingDays);

        Id = id;
        TimeZone = timeZone;
        _holidays = holidays.ToFrozenSet();
        _makeUpWorkingDays = makeUpWorkingDays.ToFrozenSet();

        // A date that is both a day off and a worked day is a data error; guessing which was meant would move deadlines silently.
        var contradictory = _holidays.Where(_makeUpWorkingDays.Contains).Order().ToList();
        if (contradictory.Count > 0)
        {
            throw new ArgumentException(
                $"Dates listed both as holiday and make-up working day: {string.Join(", ", contradictory.Select(d => d.ToString("yyyy-MM-dd")))}.",
                nameof(makeUpWorkingDays));
        }
    }

    /// <summary>Asia/Shanghai, Monday–Friday, no holidays: the fallback when a policy names no known calendar.</summary>
    public static BusinessCalendar WeekdaysShanghai { get; } =
        new(WeekdaysShanghaiId, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), [], []);

    public string Id { get; }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    public IReadOnlySet<DateOnly> MakeUpWorkingDays => _makeUpWorkingDays;

    public bool IsWorkingDay(DateOnly date) =>
        _makeUpWorkingDays.Contains(date)
        || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date));

    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);

        var day = DateOf(start);
        var dayStart = StartOf(day);
        while (true)
        {
            var next = StartOf(day.AddDays(1));
            if (IsWorkingDay(day))
            {
                var from = start > dayStart ? start : dayStart;
                var available = next - from;

                // "<=" so that a target ending exactly with a working day is reached at that day's end, not at the next working day's start.
                if (amount <= available)
                {
                    return (from + amount).ToOffset(start.Offset);
                }

                amount -= available;
            }

            day = day.AddDays(1);
            dayStart = next;
        }
    }

    public TimeSpan WorkingTimeBetween(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var day = DateOf(start);
        var dayStart = StartOf(day);
        while (dayStart < end)
        {
            var next = StartOf(day.AddDays(1));
            if (IsWorkingDay(day))
            {
                var from = start > dayStart ? start : dayStart;
                var to = end < next ? end : next;
                total += to - from;
            }

            day = day.AddDays(1);
            dayStart = next;
        }

        return total;
    }

    /// <summary>The local date whose day contains <paramref name="instant"/>, consistent with <see cref="StartOf"/>.</summary>
    public DateOnly DateOf(DateTimeOffset instant)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

        // A fall-back transition across midnight can show a local date whose first occurrence began later or earlier than
        // this instant; days are defined by their first instant, so settle on the day that actually contains it.
        while (StartOf(date) > instant)
        {
            date = date.AddDays(-1);
        }

        while (StartOf(date.AddDays(1)) <= instant)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>The first instant of the local date <paramref name="date"/> in this calendar's time zone.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        if (TimeZone.IsInvalidTime(midnight))
        {
            // Clocks jump over midnight (e.g. America/Santiago): the day begins with the first local time that exists.
            // Transitions fall on whole minutes, so stepping by minutes finds it exactly.
            var local = midnight;
            do
            {
                local = local.AddMinutes(1);
            }
            while (TimeZone.IsInvalidTime(local));

            return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
        }

        if (TimeZone.IsAmbiguousTime(midnight))
        {
            // Midnight happens twice; the day begins at the first occurrence, which carries the larger offset.
            return new DateTimeOffset(midnight, TimeZone.GetAmbiguousTimeOffsets(midnight).Max());
        }

        return new DateTimeOffset(midnight, TimeZone.GetUtcOffset(midnight));
    }
}
