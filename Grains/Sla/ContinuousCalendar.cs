namespace WealthActors.Grains.Sla;

/// <summary>Every instant is working time: the calendar behind the Calendar clock.</summary>
public sealed class ContinuousCalendar : IBusinessCalendar
{
    public const string CalendarId = "calendar";

    public static readonly ContinuousCalendar Instance = new();

    private ContinuousCalendar()
    {
    }

    public string Id => CalendarId;

    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        return start + amount;
    }

    public TimeSpan WorkingTimeBetween(DateTimeOffset start, DateTimeOffset end) =>
        end > start ? end - start : TimeSpan.Zero;
}
