namespace WealthActors.Bot.Channels.Chat;

/// <summary>
/// A token bucket per chat user: a burst of up to <c>perMinute</c> messages, refilled evenly over a minute. It paces
/// what WeCom is sent (WeCom silently discards messages over its per-member limit, so the sender waits instead of
/// losing them) and what chat users may ask (<see cref="ChatCommandLimiter"/>). Thread-safe.
/// </summary>
public sealed class PerUserRateLimiter
{
    /// <summary>Full buckets are forgotten past this many, so a large organisation does not grow the table forever.</summary>
    private const int PruneAbove = 10_000;

    private readonly TimeProvider _time;
    private readonly double _perMinute;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public PerUserRateLimiter(TimeProvider time, int perMinute)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        _time = time;
        _perMinute = perMinute;
    }

    /// <summary>Takes a token and returns zero, or returns how long to wait before one is available.</summary>
    public TimeSpan TryAcquire(string userId)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_buckets.TryGetValue(userId, out var bucket))
            {
                Prune(now);
                bucket = new Bucket { Tokens = _perMinute, At = now };
                _buckets[userId] = bucket;
            }

            Refill(bucket, now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return TimeSpan.Zero;
            }

            return TimeSpan.FromMinutes((1 - bucket.Tokens) / _perMinute);
        }
    }

    private void Refill(Bucket bucket, DateTimeOffset now)
    {
        var elapsed = now - bucket.At;
        if (elapsed > TimeSpan.Zero)
        {
            bucket.Tokens = Math.Min(_perMinute, bucket.Tokens + (elapsed.TotalMinutes * _perMinute));
            bucket.At = now;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_buckets.Count < PruneAbove)
        {
            return;
        }

        foreach (var (user, bucket) in _buckets.ToArray())
        {
            Refill(bucket, now);
            if (bucket.Tokens >= _perMinute)
            {
                _buckets.Remove(user);
            }
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }
        public DateTimeOffset At { get; set; }
    }
}
