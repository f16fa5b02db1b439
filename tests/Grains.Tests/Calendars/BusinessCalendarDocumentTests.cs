using System.Text.Json;
using WealthActors.Calendars;
using WealthActors.Grains.Calendars;

namespace WealthActors.Grains.Tests.Calendars;

public sealed class BusinessCalendarDocumentTests
{
    private static BusinessCalendarDocument Valid() => new(
        null, null, "Test", "Europe/London", new WorkingHoursDocument("09:00", "17:30"),
        [new HolidayDocument("2026-12-25", "Christmas"), new HolidayDocument("2026-12-28", "Boxing Day (substitute)")],
        ["2026-12-27"]);

    private static IReadOnlyList<CalendarProblem> Problems(BusinessCalendarDocument document)
    {
        var problems = new List<CalendarProblem>();
        var calendar = document.ToDefinition("t", problems);
        Assert.Equal(problems.Count == 0, calendar is not null);
        return problems;
    }

    [Fact]
    public void ShippedMainlandChina_Has2026HolidaysAndMakeUpDays()
    {
        var calendar = ShippedCalendars.MainlandChina;

        Assert.Equal("cn-mainland", calendar.Id);
        Assert.Equal("Asia/Shanghai", calendar.TimeZone);
        Assert.Null(calendar.WorkingHours);
        Assert.Equal(1, calendar.Version);
        Assert.Equal(33, calendar.Holidays.Count);
        Assert.Equal(
            [new DateOnly(2026, 1, 4), new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28), new DateOnly(2026, 5, 9), new DateOnly(2026, 9, 20), new DateOnly(2026, 10, 10)],
            calendar.MakeUpWorkingDays);
        Assert.Contains(calendar.Holidays, h => h.Date == new DateOnly(2026, 10, 1) && h.Name.Contains("国庆", StringComparison.Ordinal));
        Assert.Contains("State Council", calendar.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDefinition_ValidDocument_ReadsEveryField()
    {
        var problems = new List<CalendarProblem>();

        var calendar = Valid().ToDefinition("uk", problems);

        Assert.Empty(problems);
        Assert.NotNull(calendar);
        Assert.Equal(new WorkingHours(new TimeOnly(9, 0), new TimeOnly(17, 30)), calendar.WorkingHours);
        Assert.Equal(new DateOnly(2026, 12, 28), calendar.Holidays[1].Date);
        Assert.Equal([new DateOnly(2026, 12, 27)], calendar.MakeUpWorkingDays);
    }

    [Fact]
    public void ToDefinition_NoTimeZone_DefaultsToShanghai()
    {
        var calendar = (Valid() with { TimeZone = null }).ToDefinition("t", new List<CalendarProblem>());

        Assert.Equal("Asia/Shanghai", calendar!.TimeZone);
    }

    [Fact]
    public void From_ThenToDefinition_RoundTrips()
    {
        var json = JsonSerializer.Serialize(BusinessCalendarDocument.From(ShippedCalendars.MainlandChina), BusinessCalendarDocument.JsonOptions);
        var document = JsonSerializer.Deserialize<BusinessCalendarDocument>(json, BusinessCalendarDocument.JsonOptions)!;

        var calendar = document.ToDefinition(document.Id!, new List<CalendarProblem>())!;

        Assert.Equal(ShippedCalendars.MainlandChina.Holidays, calendar.Holidays);
        Assert.Equal(ShippedCalendars.MainlandChina.MakeUpWorkingDays, calendar.MakeUpWorkingDays);
        Assert.Equal(ShippedCalendars.MainlandChina.Name, calendar.Name);
    }

    [Fact]
    public void ToDefinition_UnknownTimeZone_NamesTimeZone() =>
        Assert.Equal("timeZone", Assert.Single(Problems(Valid() with { TimeZone = "Mars/Olympus" })).Field);

    [Fact]
    public void ToDefinition_DateBothHolidayAndMakeUpDay_NamesTheMakeUpDay() =>
        Assert.Equal("makeUpWorkingDays[0]", Assert.Single(Problems(Valid() with { MakeUpWorkingDays = ["2026-12-25"] })).Field);

    [Theory]
    [InlineData("17:30", "09:00")]
    [InlineData("09:00", "09:00")]
    public void ToDefinition_EndNotAfterStart_NamesWorkingHoursEnd(string start, string end) =>
        Assert.Equal("workingHours.end", Assert.Single(Problems(Valid() with { WorkingHours = new WorkingHoursDocument(start, end) })).Field);

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("25/12/2026")]
    [InlineData("")]
    public void ToDefinition_MalformedHolidayDate_NamesIt(string date) =>
        Assert.Equal("holidays[1].date", Assert.Single(Problems(Valid() with
        {
            Holidays = [new HolidayDocument("2026-12-25", "Christmas"), new HolidayDocument(date, "Bad")],
        })).Field);

    [Fact]
    public void ToDefinition_MalformedMakeUpDayOrTime_NamesIt()
    {
        Assert.Equal("makeUpWorkingDays[0]", Assert.Single(Problems(Valid() with { MakeUpWorkingDays = ["soon"] })).Field);
        Assert.Equal("workingHours.start", Assert.Single(Problems(Valid() with { WorkingHours = new WorkingHoursDocument("9am", "17:30") })).Field);
    }

    [Fact]
    public void ToDefinition_DuplicateDates_NameTheRepeat()
    {
        Assert.Equal("holidays[1].date", Assert.Single(Problems(Valid() with
        {
            Holidays = [new HolidayDocument("2026-12-25", "Christmas"), new HolidayDocument("2026-12-25", "Again")],
        })).Field);
        Assert.Equal("makeUpWorkingDays[1]", Assert.Single(Problems(Valid() with { MakeUpWorkingDays = ["2026-12-27", "2026-12-27"] })).Field);
    }

    [Fact]
    public void ToDefinition_MissingName_NamesName() =>
        Assert.Equal("name", Assert.Single(Problems(Valid() with { Name = " " })).Field);
}
