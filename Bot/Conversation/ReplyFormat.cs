using System.Globalization;

namespace WealthActors.Bot.Conversation;

/// <summary>Formatting shared by replies: local times, amounts, and a length that fits a bubble.</summary>
public static class ReplyFormat
{
    /// <summary>
    /// WeCom carries at most 2048 bytes of text and a Chinese character takes three of them in UTF-8; this keeps a
    /// reply well inside that, with room for a card rendered as text.
    /// </summary>
    public const int MaxTextLength = 600;

    private static readonly TimeZoneInfo Shanghai = FindShanghai();

    /// <summary>A deadline in the bank's time zone, short enough for a card: 03-02 14:00.</summary>
    public static string LocalTime(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, Shanghai).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    public static string Amount(decimal amount) => amount.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Cuts at <paramref name="max"/> characters, on a line break where one is near, and marks the cut.</summary>
    public static string Fit(string text, int max = MaxTextLength)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf('\n', max - 1);
        return (cut > max / 2 ? text[..cut] : text[..(max - 1)]) + "…";
    }

    private static TimeZoneInfo FindShanghai()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            // China keeps no daylight saving time, so a fixed offset is exact where the time zone data is missing.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
