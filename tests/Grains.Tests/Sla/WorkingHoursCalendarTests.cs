using WealthActors.Calendars;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Sla;
using WealthActors.Sla;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Sla;

public sealed class WorkingHoursCalendarTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly BusinessCalendar LondonOffice = new("uk-office", London, [], [], new WorkingHours(new TimeOnly(9, 0), new TimeOnly(17, 30)));

    private static readonly BusinessCalendar MainlandChina = BusinessCalendarRules.Build(ShippedCalendars.MainlandChina);

    private static DateTimeOffset LondonAt(int year, int month, int day, int hour, int minute = 0) =>
        new(new DateTime(year, month, day, hour, minute, 0), London.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0)));

    [Fact]
    public void AddWorkingTime_WithWorkingHours_CountsOnlyThoseHours()
    {
        // Monday 16:30 plus two working hours: one hour on Monday, one from Tuesday's opening.
        Assert.Equal(LondonAt(2026, 2, 3, 10), LondonOffice.AddWorkingTime(LondonAt(2026, 2, 2, 16, 30), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void AddWorkingTime_StartBeforeOrAfterHours_CountsFromTheNextOpening()
    {
        Assert.Equal(LondonAt(2026, 2, 2, 10), LondonOffice.AddWorkingTime(LondonAt(2026, 2, 2, 6), TimeSpan.FromHours(1)));
        Assert.Equal(LondonAt(2026, 2, 3, 10), LondonOffice.AddWorkingTime(LondonAt(2026, 2, 2, 20), TimeSpan.FromHours(1)));

        // Friday evening: the weekend does not count either.
        Assert.Equal(LondonAt(2026, 2, 9, 10), LondonOffice.AddWorkingTime(LondonAt(2026, 2, 6, 18), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddWorkingTime_ExactlyOneWorkingDay_EndsAtClosing()
    {
        Assert.Equal(LondonAt(2026, 2, 2, 17, 30), LondonOffice.AddWorkingTime(LondonAt(2026, 2, 2, 9), TimeSpan.FromHours(8.5)));
    }

    [Fact]
    public void WorkingTimeBetween_WithWorkingHours_SkipsNightsAndWeekends() =>
        Assert.Equal(TimeSpan.FromHours(8.5 * 5), LondonOffice.WorkingTimeBetween(LondonAt(2026, 2, 2, 0), LondonAt(2026, 2, 9, 0)));

    [Fact]
    public void AddWorkingTime_AcrossSpringForwardWithHours_KeepsLocalOpeningTime()
    {
        // The UK moves to summer time on Sunday 2026-03-29: Friday 17:00 GMT plus one working hour is Monday 09:30 BST.
        var friday = LondonAt(2026, 3, 27, 17);
        Assert.Equal(TimeSpan.Zero, friday.Offset);

        var due = LondonOffice.AddWorkingTime(friday, TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 30, 0, TimeSpan.Zero), due);
        Assert.Equal(TimeSpan.FromHours(1), London.GetUtcOffset(due));
    }

    [Fact]
    public void AddWorkingTime_FullDaysAcrossDstChange_CountsTheShortDayAsItIs()
    {
        // New York springs forward on Sunday 2026-03-08, a 23-hour day; worked as a make-up day it counts 23 hours, so a
        // 24-hour target started at Sunday's midnight ends at Monday 01:00 local time.
        var calendar = new BusinessCalendar("us-dst", NewYork, [], [new DateOnly(2026, 3, 8)]);
        var sundayMidnight = new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.FromHours(-5));

        var due = calendar.AddWorkingTime(sundayMidnight, TimeSpan.FromHours(24));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.FromHours(-4)), due);
        Assert.Equal(TimeSpan.FromHours(24), calendar.WorkingTimeBetween(sundayMidnight, due));
    }

    [Fact]
    public void AddWorkingTime_HoursInsideTheSkippedHour_StartWhenTheClockExists()
    {
        // 01:00–02:00 does not exist in London on 2026-03-29 (a Sunday, worked here): the window opens at 02:00 BST.
        var calendar = new BusinessCalendar("uk-night", London, [], [new DateOnly(2026, 3, 29)], new WorkingHours(new TimeOnly(1, 30), new TimeOnly(3, 0)));

        var (open, close) = calendar.WorkingWindow(new DateOnly(2026, 3, 29));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), open);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 2, 0, 0, TimeSpan.Zero), close);
    }

    [Theory]
    [InlineData("2026-10-01", false)] // National Day
    [InlineData("2026-10-07", false)] // last day of the Golden Week
    [InlineData("2026-10-08", true)]
    [InlineData("2026-10-10", true)]  // Saturday, make-up working day
    [InlineData("2026-10-11", false)] // ordinary Sunday
    [InlineData("2026-02-14", true)]  // Saturday before the Spring Festival, make-up working day
    [InlineData("2026-02-16", false)] // Spring Festival
    [InlineData("2026-01-04", true)]  // Sunday, make-up working day
    [InlineData("2026-05-05", false)] // Labour Day holiday, a Tuesday
    public void IsWorkingDay_ShippedMainlandChina_Follows2026Arrangement(string date, bool expected) =>
        Assert.Equal(expected, MainlandChina.IsWorkingDay(DateOnly.Parse(date)));

    [Fact]
    public void StandardPolicy_OpenedBeforeNationalDay_DueAfterTheHolidayWithMakeUpSaturdayCounted()
    {
        // Wednesday 30 September 10:00: 14 hours count that day, then nothing until Thursday 8 October.
        var opened = SlaClock.Start(Cst(2026, 9, 30, 10));

        var result = Evaluate(DefaultSlaPolicies.Standard, opened, Cst(2026, 9, 30, 10));

        Assert.Equal(ShippedCalendars.MainlandChinaId, CalendarOf(DefaultSlaPolicies.Standard).Id);
        Assert.Equal(Cst(2026, 10, 8, 10), result.FirstResponseDue);
        Assert.Equal(Cst(2026, 10, 9, 10), result.EscalationDue[0]);

        // Branch head after 5 business days: 30 Sep (part), 8, 9, 10 (Saturday, worked) and 12 October, then Tuesday morning.
        Assert.Equal(Cst(2026, 10, 13, 10), result.EscalationDue[1]);
    }

    [Fact]
    public void Provider_BusinessClockWithoutCalendar_CountsInMainlandChina()
    {
        var calendar = new BusinessCalendarProvider([]).Get(ClockKind.Business, null);

        Assert.Equal(Cst(2026, 10, 8, 1), calendar.AddWorkingTime(Cst(2026, 9, 30, 23), TimeSpan.FromHours(2)));
    }
}
