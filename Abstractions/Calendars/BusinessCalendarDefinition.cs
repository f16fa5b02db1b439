namespace WealthActors.Calendars;

/// <summary>
/// A business calendar as data: working days are Monday–Friday in <see cref="TimeZone"/>, minus
/// <see cref="Holidays"/>, plus <see cref="MakeUpWorkingDays"/> (调休, weekend days that are worked). Without
/// <see cref="WorkingHours"/> a working day counts in full; with them only those local hours count.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.BusinessCalendarDefinition")]
public sealed record BusinessCalendarDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int Version,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] WorkingHours? WorkingHours,
    [property: Id(5)] IReadOnlyList<CalendarHoliday> Holidays,
    [property: Id(6)] IReadOnlyList<DateOnly> MakeUpWorkingDays,
    [property: Id(7)] string? Source = null)
{
    /// <summary>The zone a calendar uses when its data names none.</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";
}

/// <summary>The local working hours of each working day; <see cref="End"/> is after <see cref="Start"/>.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.WorkingHours")]
public sealed record WorkingHours(
    [property: Id(0)] TimeOnly Start,
    [property: Id(1)] TimeOnly End);

[GenerateSerializer, Immutable, Alias("WealthActors.CalendarHoliday")]
public sealed record CalendarHoliday(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] string Name);
