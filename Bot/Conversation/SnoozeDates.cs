using System.Globalization;
using System.Text.RegularExpressions;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// The date a person snoozes a task to, as typed in chat: <c>2026-11-20</c> (09:00 that day, Beijing time, when the
/// working day starts), <c>3天</c> / <c>3d</c> (that many days from now), <c>明天</c> / <c>tomorrow</c>. Pure.
/// </summary>
public static partial class SnoozeDates
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private const int MaxDays = 366;

    public static bool TryParse(string? word, DateTimeOffset now, out DateTimeOffset until)
    {
        until = default;
        var text = word?.Trim() ?? "";
        if (text is "明天" or "tomorrow")
        {
            until = now.AddDays(1);
            return true;
        }

        if (DaysPattern().Match(text) is { Success: true } days
            && int.TryParse(days.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= MaxDays)
        {
            until = now.AddDays(count);
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), Beijing);
            if (at > now && at <= now.AddDays(MaxDays))
            {
                until = at;
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^(\d{1,3})\s*(天|日|d|days?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DaysPattern();
}
