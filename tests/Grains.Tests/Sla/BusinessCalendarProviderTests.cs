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
    [InlineData("cn-weekdays")]
    public void Get_BusinessClockWithNullOrUnknownId_FallsBackToWeekdaysShanghai(string? calendarId) =>
        Assert.Same(BusinessCalendar.WeekdaysShanghai, new BusinessCalendarProvider([]).Get(ClockKind.Business, calendarId));

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
        var withHolidays = new BusinessCalendar(BusinessCalendar.WeekdaysShanghaiId, BusinessCalendar.WeekdaysShanghai.TimeZone, [new DateOnly(2026, 5, 1)], []);

        provider.Replace(withHolidays);

        Assert.Same(withHolidays, provider.Get(ClockKind.Business, "unknown"));
    }
}
