namespace WealthActors.Bot.Channels.Chat;

/// <summary>
/// A token bucket per chat user: a burst of up to <c>perMinute</c> messages, refilled evenly over a minute. It paces
/// what WeCom is sent (WeCom silently discards messages over its per-member limit, so the sender waits instead of
/// losing them) and what chat users may ask (<see cref="ChatCommandLimiter"/>). Thread-safe.
/// </summary>
/// <remarks>
/// A full bucket refilled at the whole rate lets twice the rate through in one minute (the burst, then the refill).
/// Where the limit holds for every minute, as WeCom's does, pass a smaller <c>burst</c>: the bucket then refills at the
/// rest of the rate, so no 60 seconds hold more than <c>perMinute</c> sends.
/// </remarks>
public sealed class PerUserRateLimiter
{
    /// <summary>Full buckets are forgotten past this many, so a large organisation does not grow the table forever.</summary>
    private const int PruneAbove = 10_000;

    private readonly TimeProvider _time;
    private readonly double _capacity;
    private readonly double _refillPerMinute;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    /// <param name="burst">Sends at once; null for <paramref name="perMinute"/>, refilled at the whole rate.</param>
    public PerUserRateLimiter(TimeProvider time, int perMinute, int? burst = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        _time = time;
        if (burst is { } b)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(b, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(b, perMinute);
        }

        _capacity = burst ?? perMinute;
        _refillPerMinute = burst is { } within ? Math.Max(1, perMinute - within) : perMinute;
    }

    /// <summary>A limiter that never lets more than <paramref name="perMinute"/> through in any 60 seconds: a third at once, the rest as they refill.</summary>
    public static PerUserRateLimiter WithinEveryMinute(TimeProvider time, int perMinute) =>
        new(time, perMinute, Math.Max(1, perMinute / 3));

    /// <summary>Takes a token and returns zero, or returns how long to wait before one is available.</summary>
    public TimeSpan TryAcquire(string userId)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var bucket = BucketOf(userId, now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return TimeSpan.Zero;
            }

            return UntilNextToken(bucket);
        }
    }

    /// <summary>
    /// Shows <paramref name="decide"/> the user's budget now and takes as many sends as it returns (at most those
    /// available), in one step, so that no other send can spend what it planned with.
    /// </summary>
    /// <returns>The sends taken.</returns>
    public int Reserve(string userId, Func<SendBudget, int> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var bucket = BucketOf(userId, now);
            var available = (int)Math.Floor(bucket.Tokens);
            var nextAt = available > 0 ? now : now + UntilNextToken(bucket);
            var taken = Math.Clamp(decide(new SendBudget(available, nextAt)), 0, available);
            bucket.Tokens -= taken;
            return taken;
        }
    }

    /// <summary>
    /// The wait for a bucket short of a token; never zero, which callers read as granted (a bucket a rounding error
    /// short of a token would otherwise be granted one it does not have, over and over).
    /// </summary>
    private TimeSpan UntilNextToken(Bucket bucket) =>
        TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(TimeSpan.FromMinutes((1 - bucket.Tokens) / _refillPerMinute).TotalMilliseconds)));

    /// <summary>The user's bucket, refilled up to <paramref name="now"/>; call under the lock.</summary>
    private Bucket BucketOf(string userId, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue(userId, out var bucket))
        {
            Prune(now);
            bucket = new Bucket { Tokens = _capacity, At = now };
            _buckets[userId] = bucket;
        }

        Refill(bucket, now);
        return bucket;
    }

    private void Refill(Bucket bucket, DateTimeOffset now)
    {
        var elapsed = now - bucket.At;
        if (elapsed > TimeSpan.Zero)
        {
            bucket.Tokens = Math.Min(_capacity, bucket.Tokens + (elapsed.TotalMinutes * _refillPerMinute));
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
            if (bucket.Tokens >= _capacity)
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
