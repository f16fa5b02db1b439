namespace WealthActors.Grains.Care;

/// <summary>
/// The date maths of the care rules, pure. A birthday window runs from today to today + lead days inclusive and may
/// cross a new year; a Feb 29 birthday is celebrated on Feb 28 in a year without Feb 29.
/// </summary>
public static class CareWindows
{
    /// <summary>The month-day pairs a birthday may have to fall in the window starting <paramref name="today"/>.</summary>
    public static IReadOnlyList<(int Month, int Day)> BirthdayMonthDays(DateOnly today, int leadDays)
    {
        var result = new List<(int, int)>();
        for (var date = today; date <= today.AddDays(leadDays); date = date.AddDays(1))
        {
            result.Add((date.Month, date.Day));
            if (date.Month == 2 && date.Day == 28 && !DateTime.IsLeapYear(date.Year))
            {
                result.Add((2, 29));
            }
        }

        return result.Distinct().ToList();
    }

    /// <summary>The date the birthday is celebrated within the window, or null when it falls outside.</summary>
    public static DateOnly? BirthdayInWindow(DateOnly birthday, DateOnly today, int leadDays)
    {
        for (var date = today; date <= today.AddDays(leadDays); date = date.AddDays(1))
        {
            if (Celebrated(birthday, date.Year) == date)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>The day a birthday is celebrated in <paramref name="year"/>.</summary>
    public static DateOnly Celebrated(DateOnly birthday, int year) =>
        birthday is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, birthday.Month, birthday.Day);

    /// <summary>
    /// The maturity stage a holding is in today: the smallest stage (days before maturity) not smaller than the days
    /// left, or null when maturity is past or further away than the largest stage. A holding first seen 5 days before
    /// maturity is in the 7-day stage only, so the 30- and 15-day reminders are never sent late.
    /// </summary>
    public static int? MaturityStage(DateOnly maturity, DateOnly today, IReadOnlyList<int> stageDays)
    {
        var left = maturity.DayNumber - today.DayNumber;
        if (left < 0)
        {
            return null;
        }

        int? stage = null;
        foreach (var days in stageDays)
        {
            if (days >= left && (stage is null || days < stage))
            {
                stage = days;
            }
        }

        return stage;
    }

    /// <summary>The age a person born on <paramref name="birthday"/> turns on <paramref name="celebratedOn"/>.</summary>
    public static int AgeTurning(DateOnly birthday, DateOnly celebratedOn) => celebratedOn.Year - birthday.Year;

    /// <summary>Today's date in <paramref name="zone"/>.</summary>
    public static DateOnly LocalToday(DateTimeOffset now, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
}
