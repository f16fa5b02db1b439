using WealthActors.Grains.Care;

namespace WealthActors.Grains.Tests.Care;

public sealed class CareWindowsTests
{
    [Fact]
    public void BirthdayMonthDays_AcrossNewYear_CoversDecemberAndJanuary()
    {
        var days = CareWindows.BirthdayMonthDays(new DateOnly(2026, 12, 28), 6);

        Assert.Equal([(12, 28), (12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)], days);
    }

    [Fact]
    public void BirthdayMonthDays_Feb28InANonLeapYear_AlsoCoversFeb29()
    {
        Assert.Contains((2, 29), CareWindows.BirthdayMonthDays(new DateOnly(2027, 2, 27), 1));
        Assert.DoesNotContain((2, 29), CareWindows.BirthdayMonthDays(new DateOnly(2028, 2, 27), 1));
        Assert.Contains((2, 29), CareWindows.BirthdayMonthDays(new DateOnly(2028, 2, 27), 2));
    }

    [Theory]
    [InlineData("1970-01-02", "2026-12-28", 7, "2027-01-02")]
    [InlineData("1970-12-28", "2026-12-28", 7, "2026-12-28")]
    [InlineData("1970-01-05", "2026-12-28", 7, null)]
    [InlineData("1970-12-27", "2026-12-28", 7, null)]
    [InlineData("1988-02-29", "2027-02-25", 3, "2027-02-28")]
    [InlineData("1988-02-29", "2028-02-25", 3, null)]
    [InlineData("1988-02-29", "2028-02-25", 4, "2028-02-29")]
    [InlineData("1988-03-01", "2027-02-25", 4, "2027-03-01")]
    public void BirthdayInWindow_Cases_GiveTheCelebratedDay(string birthday, string today, int lead, string? expected)
    {
        var day = CareWindows.BirthdayInWindow(DateOnly.Parse(birthday), DateOnly.Parse(today), lead);

        Assert.Equal(expected is null ? null : DateOnly.Parse(expected), day);
    }

    [Fact]
    public void AgeTurning_OnTheCelebratedDay_IsTheYearDifference()
    {
        Assert.Equal(57, CareWindows.AgeTurning(new DateOnly(1970, 1, 2), new DateOnly(2027, 1, 2)));
        Assert.Equal(39, CareWindows.AgeTurning(new DateOnly(1988, 2, 29), new DateOnly(2027, 2, 28)));
    }

    [Theory]
    [InlineData(31, null)]
    [InlineData(30, 30)]
    [InlineData(16, 30)]
    [InlineData(15, 15)]
    [InlineData(8, 15)]
    [InlineData(7, 7)]
    [InlineData(4, 7)]
    [InlineData(0, 7)]
    [InlineData(-1, null)]
    public void MaturityStage_DaysLeft_IsTheSmallestStageNotBelowThem(int daysLeft, int? stage)
    {
        var today = new DateOnly(2026, 6, 1);

        Assert.Equal(stage, CareWindows.MaturityStage(today.AddDays(daysLeft), today, [30, 15, 7]));
    }

    [Fact]
    public void MaturityStage_UnorderedStages_StillPicksTheCurrentOne()
    {
        var today = new DateOnly(2026, 6, 1);

        Assert.Equal(15, CareWindows.MaturityStage(today.AddDays(10), today, [7, 30, 15]));
    }

    [Fact]
    public void LocalToday_LateUtcEvening_IsTheNextDayInShanghai()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        Assert.Equal(new DateOnly(2026, 12, 31), CareWindows.LocalToday(new DateTimeOffset(2026, 12, 30, 16, 0, 0, TimeSpan.Zero), zone));
    }
}
