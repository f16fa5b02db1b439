using WealthActors.ReadModel;

namespace WealthActors.Silo.Reports;

/// <summary>
/// The weeks a report counts in: Monday 00:00 to Monday 00:00 China Standard Time (UTC+8, no daylight saving), the
/// time the bank's people read the console in, so a case received on a Monday morning in Shanghai counts in that week.
/// </summary>
public static class ReportWeeks
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>The <paramref name="count"/> weeks up to and including the one <paramref name="now"/> is in, oldest first.</summary>
    public static IReadOnlyList<TimeRange> Ending(DateTimeOffset now, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var local = now.ToOffset(ChinaStandardTime);
        var daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
        var thisMonday = new DateTimeOffset(local.Date, ChinaStandardTime).AddDays(-daysSinceMonday);
        return Enumerable.Range(0, count)
            .Select(i => thisMonday.AddDays(7 * (i - count + 1)))
            .Select(monday => new TimeRange(monday, monday.AddDays(7)))
            .ToList();
    }

    /// <summary>The week's Monday as people label it, e.g. <c>11-30</c>.</summary>
    public static string Label(TimeRange week) => week.From.ToOffset(ChinaStandardTime).ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The whole span of <paramref name="weeks"/>.</summary>
    public static TimeRange Span(IReadOnlyList<TimeRange> weeks) => new(weeks[0].From, weeks[^1].To);

    /// <summary>Today's date in the bank's time.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(ChinaStandardTime).Date);
}
