using WealthActors.Grains.Sla;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Sla;

public sealed class BusinessCalendarTests
{
    // The 2025 National Day / Mid-Autumn arrangement: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
    private static readonly BusinessCalendar China2025 = new(
        "cn-2025",
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        [.. Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d))],
        [new DateOnly(2025, 9, 28), new DateOnly(2025, 10, 11)]);

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Both EU clock changes of 2026 fall on Sundays; making them worked days exposes the 23- and 25-hour days.
    private static readonly BusinessCalendar BerlinWithDstSundays = new(
        "de-dst", Berlin, [], [new DateOnly(2026, 3, 29), new DateOnly(2026, 10, 25)]);

    [Theory]
    [InlineData("2026-03-06", true)]   // Friday
    [InlineData("2026-03-07", false)]  // Saturday
    [InlineData("2026-03-08", false)]  // Sunday
    [InlineData("2026-03-09", true)]   // Monday
    public void IsWorkingDay_WeekdaysShanghai_MondayToFriday(string date, bool expected) =>
        Assert.Equal(expected, BusinessCalendar.WeekdaysShanghai.IsWorkingDay(DateOnly.Parse(date)));

    [Theory]
    [InlineData("2025-09-28", true)]   // Sunday, make-up day
    [InlineData("2025-09-30", true)]   // Tuesday before the holiday
    [InlineData("2025-10-01", false)]  // holiday
    [InlineData("2025-10-08", false)]  // Wednesday, last holiday
    [InlineData("2025-10-09", true)]   // Thursday after
    [InlineData("2025-10-11", true)]   // Saturday, make-up day
    [InlineData("2025-10-12", false)]  // ordinary Sunday
    public void IsWorkingDay_HolidaysAndMakeUpDays_FollowTheArrangement(string date, bool expected) =>
        Assert.Equal(expected, China2025.IsWorkingDay(DateOnly.Parse(date)));

    [Fact]
    public void AddWorkingTime_AcrossGoldenWeek_SkipsTheHolidays() =>
        Assert.Equal(Cst(2025, 10, 9, 12), China2025.AddWorkingTime(Cst(2025, 9, 30, 12), TimeSpan.FromHours(24)));

    [Fact]
    public void AddWorkingTime_IntoMakeUpSaturday_CountsIt() =>
        Assert.Equal(Cst(2025, 10, 11, 12), China2025.AddWorkingTime(Cst(2025, 10, 10, 12), TimeSpan.FromHours(24)));

    [Fact]
    public void WorkingTimeBetween_WeekendWithMakeUpSunday_CountsOnlySunday() =>
        Assert.Equal(TimeSpan.FromHours(24), China2025.WorkingTimeBetween(Cst(2025, 9, 27), Cst(2025, 9, 29)));

    [Fact]
    public void AddWorkingTime_StartOnSaturday_BeginsCountingMondayMidnight()
    {
        var calendar = BusinessCalendar.WeekdaysShanghai;

        Assert.Equal(Cst(2026, 3, 9), calendar.AddWorkingTime(Cst(2026, 3, 7, 10), TimeSpan.Zero));
        Assert.Equal(Cst(2026, 3, 9, 1), calendar.AddWorkingTime(Cst(2026, 3, 7, 10), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddWorkingTime_AmountEndsWithTheWorkingDay_ReturnsThatDaysEnd() =>
        Assert.Equal(Cst(2026, 3, 7), BusinessCalendar.WeekdaysShanghai.AddWorkingTime(Cst(2026, 3, 6), TimeSpan.FromHours(24)));

    [Fact]
    public void AddWorkingTime_FridayEveningPlusOneDay_LandsMondayEvening() =>
        Assert.Equal(Cst(2026, 3, 9, 18), BusinessCalendar.WeekdaysShanghai.AddWorkingTime(Cst(2026, 3, 6, 18), TimeSpan.FromDays(1)));

    [Fact]
    public void AddWorkingTime_KeepsTheOffsetOfStart()
    {
        var start = Cst(2026, 3, 6, 18);

        Assert.Equal(start.Offset, BusinessCalendar.WeekdaysShanghai.AddWorkingTime(start, TimeSpan.FromHours(30)).Offset);
    }

    [Fact]
    public void AddWorkingTime_NegativeAmount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.WeekdaysShanghai.AddWorkingTime(Cst(2026, 3, 6), TimeSpan.FromHours(-1)));

    [Fact]
    public void WorkingTimeBetween_EndNotAfterStart_IsZero()
    {
        var calendar = BusinessCalendar.WeekdaysShanghai;

        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(Cst(2026, 3, 6, 12), Cst(2026, 3, 6, 12)));
        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(Cst(2026, 3, 6, 12), Cst(2026, 3, 5, 12)));
    }

    [Fact]
    public void WorkingTimeBetween_FridayEveningToMondayMorning_CountsFridayAndMonday() =>
        Assert.Equal(TimeSpan.FromHours(6 + 9), BusinessCalendar.WeekdaysShanghai.WorkingTimeBetween(Cst(2026, 3, 6, 18), Cst(2026, 3, 9, 9)));

    [Fact]
    public void WorkingTimeBetween_SpringForwardDay_Is23Hours()
    {
        var day = new DateOnly(2026, 3, 29);

        Assert.Equal(TimeSpan.FromHours(23), BerlinWithDstSundays.WorkingTimeBetween(BerlinWithDstSundays.StartOf(day), BerlinWithDstSundays.StartOf(day.AddDays(1))));
    }

    [Fact]
    public void WorkingTimeBetween_FallBackDay_Is25Hours()
    {
        var day = new DateOnly(2026, 10, 25);

        Assert.Equal(TimeSpan.FromHours(25), BerlinWithDstSundays.WorkingTimeBetween(BerlinWithDstSundays.StartOf(day), BerlinWithDstSundays.StartOf(day.AddDays(1))));
    }

    [Fact]
    public void StartOf_AroundSpringForward_UsesTheOffsetOfThatDay()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), BerlinWithDstSundays.StartOf(new DateOnly(2026, 3, 29)));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), BerlinWithDstSundays.StartOf(new DateOnly(2026, 3, 30)));
    }

    [Fact]
    public void AddWorkingTime_ThroughSpringForwardDay_Needs23HoursForTheDay()
    {
        var saturdayNoon = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.FromHours(1));

        var due = BerlinWithDstSundays.AddWorkingTime(saturdayNoon, TimeSpan.FromHours(23));

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2)), due);
    }

    [Fact]
    public void AddWorkingTime_ThroughFallBackDay_Needs25HoursForTheDay()
    {
        var sundayStart = BerlinWithDstSundays.StartOf(new DateOnly(2026, 10, 25));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.FromHours(1)), BerlinWithDstSundays.AddWorkingTime(sundayStart, TimeSpan.FromHours(24)));
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(1)), BerlinWithDstSundays.AddWorkingTime(sundayStart, TimeSpan.FromHours(25)));
    }

    [Fact]
    public void WorkingTimeBetween_BerlinWeekdaysOverDstWeekend_CountsOnlyFriday()
    {
        var weekdays = new BusinessCalendar("de-weekdays", Berlin, [], []);
        var friday = new DateTimeOffset(2026, 3, 27, 0, 0, 0, TimeSpan.FromHours(1));
        var monday = new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal(TimeSpan.FromHours(24), weekdays.WorkingTimeBetween(friday, monday));
    }

    [Fact]
    public void StartOf_MidnightSkippedBySpringForward_BeginsAtFirstExistingTime()
    {
        // Chile moves its clocks from 24:00 to 01:00 on the first Sunday of September, so 6 September 2026 has no midnight.
        var santiago = new BusinessCalendar("cl", TimeZoneInfo.FindSystemTimeZoneById("America/Santiago"), [], [new DateOnly(2026, 9, 6)]);
        var day = new DateOnly(2026, 9, 6);

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), santiago.StartOf(day));
        Assert.Equal(TimeSpan.FromHours(23), santiago.WorkingTimeBetween(santiago.StartOf(day), santiago.StartOf(day.AddDays(1))));
    }

    [Fact]
    public void DateOf_InstantsAroundLocalMidnight_NameTheLocalDate()
    {
        var calendar = BusinessCalendar.WeekdaysShanghai;

        Assert.Equal(new DateOnly(2026, 3, 6), calendar.DateOf(Cst(2026, 3, 7) - Tick));
        Assert.Equal(new DateOnly(2026, 3, 7), calendar.DateOf(Cst(2026, 3, 7)));
    }

    [Fact]
    public void Constructor_DateBothHolidayAndMakeUpDay_Throws()
    {
        var date = new DateOnly(2026, 5, 1);

        var error = Assert.Throws<ArgumentException>(() => new BusinessCalendar("x", TimeZoneInfo.Utc, [date], [date]));
        Assert.Contains("2026-05-01", error.Message);
    }

    [Fact]
    public void ContinuousCalendar_CountsEveryInstant()
    {
        var calendar = ContinuousCalendar.Instance;
        var saturday = Cst(2026, 3, 7, 10);

        Assert.Equal("calendar", calendar.Id);
        Assert.Equal(saturday.AddHours(30), calendar.AddWorkingTime(saturday, TimeSpan.FromHours(30)));
        Assert.Equal(TimeSpan.FromHours(30), calendar.WorkingTimeBetween(saturday, saturday.AddHours(30)));
        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(saturday, saturday.AddHours(-1)));
    }
}
