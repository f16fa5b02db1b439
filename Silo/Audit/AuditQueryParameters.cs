using System.Buffers.Text;
using System.Globalization;
using System.Text;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>
/// The query string of <c>GET /api/audit</c> and its export: <c>actor</c>, <c>targetType</c>, <c>targetId</c>, <c>from</c>
/// and <c>to</c> (ISO 8601 instants; <c>to</c> exclusive), <c>order</c> (<c>desc</c>, newest first, or <c>asc</c>),
/// <c>limit</c> and <c>after</c> (the <c>next</c> of the previous page). Every bad value is named in the 400.
/// </summary>
internal static class AuditQueryParameters
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static (AuditQuery Query, RequestValidation Validation) Parse(IQueryCollection query, int defaultLimit = DefaultLimit, int maxLimit = MaxLimit)
    {
        var v = new RequestValidation();
        var actor = Text(query, "actor", v);
        var targetType = Text(query, "targetType", v);
        var targetId = Text(query, "targetId", v);
        var from = Instant(query, "from", v);
        var to = Instant(query, "to", v);
        v.Check(from is null || to is null || from < to, "to", "must be after 'from'.");

        var order = Single(query, "order", v) ?? "desc";
        v.Check(order is "asc" or "desc", "order", "must be 'asc' (oldest first) or 'desc' (newest first).");

        var limit = defaultLimit;
        if (Single(query, "limit", v) is { } limitText)
        {
            v.Check(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= maxLimit,
                "limit", $"must be a whole number from 1 to {maxLimit}.");
        }

        AuditCursor? after = null;
        if (Single(query, "after", v) is { } afterText)
        {
            after = DecodeCursor(afterText);
            v.Check(after is not null, "after", "is not a position this API gave out (use the 'next' of the previous page).");
        }

        return (new AuditQuery(actor, targetType, targetId, from, to, order == "asc", after, limit), v);
    }

    /// <summary>Opaque to callers: where a page ended, for the next page to start after it.</summary>
    public static string EncodeCursor(AuditCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{cursor.At.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{cursor.Sequence.ToString(CultureInfo.InvariantCulture)}|{cursor.ChainId}"));

    internal static AuditCursor? DecodeCursor(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|', 3);
            return parts.Length == 3
                   && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && ticks <= DateTimeOffset.MaxValue.UtcTicks
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                   && parts[2].Length > 0
                ? new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[2], sequence)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Text(IQueryCollection query, string name, RequestValidation v)
    {
        var value = Single(query, name, v);
        if (value is not null)
        {
            v.Require(value, name, 256);
        }

        return value;
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name, RequestValidation v)
    {
        if (Single(query, name, v) is not { } text)
        {
            return null;
        }

        // An instant without an offset is read as UTC, never as the server's local time.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        v.Add(name, "must be an ISO 8601 instant, e.g. 2026-11-02T09:00:00+08:00.");
        return null;
    }

    private static string? Single(IQueryCollection query, string name, RequestValidation v)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            v.Add(name, "must be given once.");
        }

        return values[0];
    }
}
