using System.Globalization;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Apis;

/// <summary>
/// The <c>before</c> and <c>next</c> of an interactions page as text: when the last interaction of a page happened
/// (microseconds since the Unix epoch) and its number, <c>{microseconds}.{number}</c>. Callers pass it back as it came.
/// </summary>
internal static class InteractionCursorText
{
    public static string Format(InteractionCursor cursor) =>
        string.Create(CultureInfo.InvariantCulture, $"{(cursor.At.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}.{cursor.Seq}");

    public static bool TryParse(string? text, out InteractionCursor? cursor)
    {
        cursor = null;
        if (text is null)
        {
            return true;
        }

        var dot = text.LastIndexOf('.');
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
            || !long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            || micros is < -62_135_596_800_000_000 or > 253_402_300_799_999_999)
        {
            return false;
        }

        cursor = new InteractionCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), seq);
        return true;
    }
}
