using System.Text.Json;
using WealthActors.Calendars;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Calendars;

/// <summary>
/// The calendars that ship with the product, at version 1. <c>cn-mainland</c> is read from the data file embedded in
/// this assembly (Data/cn-mainland.json); later years are added through the catalog without a release.
/// </summary>
public static class ShippedCalendars
{
    public const string MainlandChinaId = "cn-mainland";

    private const string MainlandChinaResource = "WealthActors.Grains.Calendars.Data.cn-mainland.json";

    /// <summary>Mainland China: weekends, public holidays and make-up working days; the default for Business clocks.</summary>
    public static BusinessCalendarDefinition MainlandChina { get; } = Load(MainlandChinaResource);

    /// <summary>Monday–Friday in Shanghai without holidays; kept for policies that name it.</summary>
    public static BusinessCalendarDefinition WeekdaysShanghai { get; } = new(
        BusinessCalendar.WeekdaysShanghaiId, "Weekdays (Asia/Shanghai, no holidays)", 1, BusinessCalendarDefinition.DefaultTimeZone, null, [], []);

    public static IReadOnlyList<BusinessCalendarDefinition> All { get; } = new[] { MainlandChina, WeekdaysShanghai };

    /// <summary>Reads a calendar document; shipped data that does not validate is a build defect, so it throws.</summary>
    public static BusinessCalendarDefinition Parse(string json)
    {
        var document = JsonSerializer.Deserialize<BusinessCalendarDocument>(json, BusinessCalendarDocument.JsonOptions)
            ?? throw new InvalidDataException("The calendar document is empty.");
        var problems = new List<CalendarProblem>();
        var calendar = document.Id is { Length: > 0 } id ? document.ToDefinition(id, problems) : null;
        return calendar is not null && problems.Count == 0
            ? calendar with { Version = 1 }
            : throw new InvalidDataException(
                $"The calendar document '{document.Id}' is not valid: {string.Join("; ", problems.Select(p => $"{p.Field} {p.Message}"))}");
    }

    private static BusinessCalendarDefinition Load(string resource)
    {
        using var stream = typeof(ShippedCalendars).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded calendar '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
