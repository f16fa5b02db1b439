using System.Collections.Concurrent;
using System.Collections.Frozen;
using WealthActors.Calendars;

namespace WealthActors.Grains.Sla;

/// <summary>
/// Working days in a time zone: Monday–Friday except listed holidays, plus listed make-up working days (调休, e.g. a
/// Saturday that is worked). Without working hours a working day counts in full, from the instant its local date begins to
/// the instant the next one begins, so where DST applies a working day may be 23 or 25 hours long. With working hours only
/// the local hours [start, end) of a working day count, each end converted to an instant on its own (DST-correct).
/// </summary>
public sealed class BusinessCalendar : IBusinessCalendar
{
    public const string WeekdaysShanghaiId = "cn-weekdays";

    private readonly FrozenSet<DateOnly> _holidays;
    private readonly FrozenSet<DateOnly> _makeUpWorkingDays;

    // Resolved local times; small, since deadlines fall within weeks of now (a few entries per day ever visited).
    private readonly ConcurrentDictionary<(DateOnly Date, TimeOnly Time), DateTimeOffset> _instants = new();

    public BusinessCalendar(
        string id,
        TimeZoneInfo timeZone,
        IEnumerable<DateOnly> holidays,
        IEnumerable<DateOnly> makeUpWorkingDays,
        WorkingHours? workingHours = null,
        int version = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(makeUpWorkingDays);

        if (workingHours is not null && workingHours.End <= workingHours.Start)
        {
            throw new ArgumentException("Working hours must end after they start.", nameof(workingHours));
        }

        Id = id;
        TimeZone = timeZone;
        WorkingHours = workingHours;
        Version = version;
        _holidays = holidays.ToFrozenSet();
        _makeUpWorkingDays = makeUpWorkingDays.ToFrozenSet();

        // A date that is both a day off and a worked day is a data error; guessing which was meant would move deadlines silently.
        var contradictory = _holidays.Where(_makeUpWorkingDays.Contains).Order().ToList();
        if (contradictory.Count > 0)
        {
            throw new ArgumentException(
                $"Dates listed both as holiday and make-up working day: {string.Join(", ", contradictory.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}.",
                nameof(makeUpWorkingDays));
        }
    }

    /// <summary>Asia/Shanghai, Monday–Friday, no holidays: the fallback when a policy names no known calendar.</summary>
    public static BusinessCalendar WeekdaysShanghai { get; } =
        new(WeekdaysShanghaiId, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), [], []);

    public string Id { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Null: a working day counts in full.</summary>
    public WorkingHours? WorkingHours { get; }

    /// <summary>The catalog version this calendar was built from (1 for a calendar that was never edited).</summary>
    public int Version { get; }

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    public IReadOnlySet<DateOnly> MakeUpWorkingDays => _makeUpWorkingDays;

    public bool IsWorkingDay(DateOnly date) =>
        _makeUpWorkingDays.Contains(date)
        || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date));

    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);

        var day = DateOf(start);
        while (true)
        {
            if (IsWorkingDay(day))
            {
                var (open, close) = WorkingWindow(day);
                var from = start > open ? start : open;
                var available = close > from ? close - from : TimeSpan.Zero;

                // "<=" so that a target ending exactly with a working window is reached at that window's end, not at the
                // next one's start; a zero amount at a window's end (nothing available) waits for the next window.
                if (available > TimeSpan.Zero && amount <= available)
                {
                    return (from + amount).ToOffset(start.Offset);
                }

                amount -= available;
            }

            day = day.AddDays(1);
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
        while (StartOf(day) < end)
        {
            if (IsWorkingDay(day))
            {
                var (open, close) = WorkingWindow(day);
                var from = start > open ? start : open;
                var to = end < close ? end : close;
                if (to > from)
                {
                    total += to - from;
                }
            }

            day = day.AddDays(1);
        }

        return total;
    }

    /// <summary>The working instants [open, close) of <paramref name="date"/>, assuming it is a working day.</summary>
    public (DateTimeOffset Open, DateTimeOffset Close) WorkingWindow(DateOnly date) => WorkingHours is { } hours
        ? (At(date, hours.Start), At(date, hours.End))
        : (StartOf(date), StartOf(date.AddDays(1)));

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
    public DateTimeOffset StartOf(DateOnly date) => At(date, TimeOnly.MinValue);

    /// <summary>
    /// The instant the local clock shows <paramref name="time"/> on <paramref name="date"/>. A time skipped by a
    /// spring-forward change maps to the first local time that exists after it; a repeated time to its first occurrence.
    /// </summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time) =>
        // Every SLA evaluation walks the same few days (midnights and working-hour edges near now), and the time-zone
        // rules behind each answer cost far more than a lookup; a calendar is immutable, so its answers are too.
        _instants.GetOrAdd((date, time), static (key, calendar) => calendar.Resolve(key.Date, key.Time), this);

    private DateTimeOffset Resolve(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);

        if (TimeZone.IsInvalidTime(local))
        {
            // Clocks jump over this time (e.g. America/Santiago at midnight): take the first local time that exists.
            // Transitions fall on whole minutes, so stepping by minutes from the whole minute finds it exactly.
            local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
            do
            {
                local = local.AddMinutes(1);
            }
            while (TimeZone.IsInvalidTime(local));

            return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
        }

        if (TimeZone.IsAmbiguousTime(local))
        {
            // The time happens twice; take the first occurrence, which carries the larger offset.
            return new DateTimeOffset(local, TimeZone.GetAmbiguousTimeOffsets(local).Max());
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
