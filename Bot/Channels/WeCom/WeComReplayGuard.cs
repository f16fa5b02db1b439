using System.Globalization;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Refuses callbacks whose timestamp is further than the replay window from now, and says how long a fresh one could
/// still be replayed: its delivery key is remembered that long (<see cref="Chat.IDeliveryDeduplication"/>), since WeCom
/// retries a callback up to three times within five seconds when the first answer is slow, and past the window the
/// timestamp check refuses a replay anyway.
/// </summary>
public sealed class WeComReplayGuard
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _timeProvider;

    public WeComReplayGuard(TimeProvider timeProvider, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Window = window ?? DefaultWindow;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Window, TimeSpan.Zero, nameof(window));
        _timeProvider = timeProvider;
    }

    public TimeSpan Window { get; }

    /// <summary>True when the callback's <c>timestamp</c> (Unix seconds) is within the window of now, either side.</summary>
    public bool IsTimestampFresh(string? timestamp) =>
        TryParse(timestamp, out var seconds) && IsTimestampFresh(seconds);

    public bool IsTimestampFresh(long unixSeconds)
    {
        // Negative input could overflow the subtraction below into an apparently small skew.
        if (unixSeconds < 0)
        {
            return false;
        }

        var skew = _timeProvider.GetUtcNow().ToUnixTimeSeconds() - unixSeconds;
        return Math.Abs(skew) <= (long)Window.TotalSeconds;
    }

    /// <summary>
    /// Until when a callback with this (fresh) timestamp passes the timestamp check: a window after the later of its
    /// timestamp and now, since a timestamp may lie up to a window ahead of our clock.
    /// </summary>
    public DateTimeOffset ReplayableUntil(string? timestamp)
    {
        var now = _timeProvider.GetUtcNow();
        var stamped = TryParse(timestamp, out var seconds) && seconds >= 0 ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, now.ToUnixTimeSeconds() + (long)Window.TotalSeconds)) : now;
        return (stamped > now ? stamped : now) + Window;
    }

    private static bool TryParse(string? timestamp, out long seconds) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
}
