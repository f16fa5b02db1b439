using System.Globalization;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Refuses stale callbacks and remembers recent deliveries, since WeCom retries a callback up to three times within
/// five seconds when the first answer is slow. The memory is bounded both in time (entries expire after the replay
/// window, past which the timestamp check refuses a replay anyway) and in count. Thread-safe.
/// </summary>
public sealed class WeComReplayGuard
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);
    public const int DefaultCapacity = 10_000;

    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, DateTimeOffset> _seenUntil = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Until)> _expiryOrder = new();
    private readonly Lock _lock = new();

    public WeComReplayGuard(TimeProvider timeProvider, TimeSpan? window = null, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Window = window ?? DefaultWindow;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Window, TimeSpan.Zero, nameof(window));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeProvider = timeProvider;
        Capacity = capacity;
    }

    public TimeSpan Window { get; }
    public int Capacity { get; }

    /// <summary>How many deliveries are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seenUntil.Count;
            }
        }
    }

    /// <summary>True when the callback's <c>timestamp</c> (Unix seconds) is within the window of now, either side.</summary>
    public bool IsTimestampFresh(string? timestamp) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && IsTimestampFresh(seconds);

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

    /// <summary>Records the delivery; false when it was already seen within the window (a retry or a replay).</summary>
    public bool TryAccept(string deliveryKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryKey);
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            Purge(now);
            if (_seenUntil.ContainsKey(deliveryKey))
            {
                return false;
            }

            // Under a flood the oldest entries go first: de-duplication weakens but memory stays bounded. The queue is
            // what is counted, because forgotten keys leave entries in it until they expire.
            while (_expiryOrder.Count >= Capacity && _expiryOrder.TryDequeue(out var oldest))
            {
                RemoveIfCurrent(oldest.Key, oldest.Until);
            }

            var until = now + Window;
            _seenUntil[deliveryKey] = until;
            _expiryOrder.Enqueue((deliveryKey, until));
            return true;
        }
    }

    /// <summary>Forgets a delivery whose handling failed, so WeCom's next retry is processed instead of dropped.</summary>
    public void Forget(string deliveryKey)
    {
        lock (_lock)
        {
            _seenUntil.Remove(deliveryKey);
        }
    }

    private void Purge(DateTimeOffset now)
    {
        while (_expiryOrder.TryPeek(out var head) && head.Until <= now)
        {
            _expiryOrder.Dequeue();
            RemoveIfCurrent(head.Key, head.Until);
        }
    }

    // A key forgotten and accepted again has a newer expiry; its old queue entry must not evict it.
    private void RemoveIfCurrent(string key, DateTimeOffset until)
    {
        if (_seenUntil.TryGetValue(key, out var current) && current == until)
        {
            _seenUntil.Remove(key);
        }
    }
}
