using WealthActors.Calendars;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Tests.Sla;

public sealed class BusinessCalendarProviderTests
{
    private static readonly BusinessCalendar Berlin = new("de", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), [], []);

    [Fact]
    public void Get_CalendarClock_IsContinuousWhateverTheId()
    {
        var provider = new BusinessCalendarProvider([Berlin]);

        Assert.Same(ContinuousCalendar.Instance, provider.Get(ClockKind.Calendar, null));
        Assert.Same(ContinuousCalendar.Instance, provider.Get(ClockKind.Calendar, "de"));
    }

    [Fact]
    public void Get_BusinessClockWithKnownId_ReturnsThatCalendar() =>
        Assert.Same(Berlin, new BusinessCalendarProvider([Berlin]).Get(ClockKind.Business, "de"));

    [Theory]
    [InlineData(null)]
    [InlineData("unknown")]
    public void Get_BusinessClockWithNullOrUnknownId_FallsBackToMainlandChina(string? calendarId) =>
        Assert.Equal(ShippedCalendars.MainlandChinaId, new BusinessCalendarProvider([]).Get(ClockKind.Business, calendarId).Id);

    [Fact]
    public void Get_WeekdaysId_StillResolvesTheWeekdaysCalendar() =>
        Assert.Same(BusinessCalendar.WeekdaysShanghai, new BusinessCalendarProvider([]).Get(ClockKind.Business, BusinessCalendar.WeekdaysShanghaiId));

    [Fact]
    public void Replace_SameId_LaterGetsReturnTheNewCalendar()
    {
        var provider = new BusinessCalendarProvider([Berlin]);
        var withHoliday = new BusinessCalendar("de", Berlin.TimeZone, [new DateOnly(2026, 5, 1)], []);

        provider.Replace(withHoliday);

        Assert.Same(withHoliday, provider.Get(ClockKind.Business, "de"));
    }

    [Fact]
    public void Replace_DefaultCalendar_BecomesTheFallback()
    {
        var provider = new BusinessCalendarProvider([]);
        var withHolidays = new BusinessCalendar(ShippedCalendars.MainlandChinaId, BusinessCalendar.WeekdaysShanghai.TimeZone, [new DateOnly(2026, 5, 1)], []);

        provider.Replace(withHolidays);

        Assert.Same(withHolidays, provider.Get(ClockKind.Business, "unknown"));
    }

    [Fact]
    public void Update_NewerVersion_IsTakenAndOlderOrSameIsIgnored()
    {
        var provider = new BusinessCalendarProvider([]);
        var v2 = ShippedCalendars.MainlandChina with { Version = 2, Holidays = [new CalendarHoliday(new DateOnly(2026, 11, 3), "Extra")] };

        Assert.True(provider.Update(v2));
        Assert.False(provider.Update(ShippedCalendars.MainlandChina));
        Assert.False(provider.Update(v2));

        Assert.Equal(2, provider.VersionOf(ShippedCalendars.MainlandChinaId));
        Assert.False(((BusinessCalendar)provider.Get(ClockKind.Business, null)).IsWorkingDay(new DateOnly(2026, 11, 3)));
    }

    [Fact]
    public void VersionOf_UnknownCalendar_IsZero() => Assert.Equal(0, new BusinessCalendarProvider([]).VersionOf("nowhere"));
}
