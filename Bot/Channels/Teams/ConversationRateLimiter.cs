namespace WealthActors.Bot.Channels.Teams;

/// <summary>At most <see cref="Count"/> operations within any <see cref="Period"/>.</summary>
public readonly record struct RateWindow(TimeSpan Period, int Count);

/// <summary>
/// Spaces out the bot's calls per conversation so Teams does not answer 429. The defaults are Teams' published
/// per-bot, per-conversation limits for sending: 7 in any second, 8 in any 2 seconds and 60 in any 30 seconds (a burst
/// of 7, then 4 a second, and 2 a second over half a minute). The hourly cap of 1800 is left to the 429 handling, since a back office never nears
/// it and tracking it would keep 1800 timestamps per conversation. Callers are served in arrival order; each waits for
/// its own slot on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ConversationRateLimiter
{
    public static readonly IReadOnlyList<RateWindow> TeamsPerConversation =
    [
        new(TimeSpan.FromSeconds(1), 7),
        new(TimeSpan.FromSeconds(2), 8),
        new(TimeSpan.FromSeconds(30), 60),
    ];

    // Teams does not say whether a window includes both ends, so grants a whole period apart are kept just over it.
    private static readonly TimeSpan BoundaryMargin = TimeSpan.FromMilliseconds(1);

    // Forget idle conversations now and then so the table does not grow with every conversation ever written to.
    private const int SweepEvery = 1024;

    private readonly TimeProvider _timeProvider;
    private readonly RateWindow[] _windows;
    private readonly int _depth;
    private readonly TimeSpan _longestPeriod;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _grants = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _sinceSweep;

    public ConversationRateLimiter(TimeProvider timeProvider, IReadOnlyList<RateWindow>? windows = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        windows ??= TeamsPerConversation;
        if (windows.Count == 0 || windows.Any(w => w.Period <= TimeSpan.Zero || w.Count <= 0))
        {
            throw new ArgumentException("Every window needs a positive period and count.", nameof(windows));
        }

        _timeProvider = timeProvider;
        _windows = [.. windows];
        _depth = _windows.Max(w => w.Count);
        _longestPeriod = _windows.Max(w => w.Period);
    }

    /// <summary>Conversations with recent grants (for tests and diagnostics).</summary>
    public int TrackedConversations
    {
        get
        {
            lock (_lock)
            {
                return _grants.Count;
            }
        }
    }

    /// <summary>Waits until the conversation may take one more operation, and counts it.</summary>
    public Task AcquireAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        TimeSpan wait;
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            SweepIfDue(now);
            if (!_grants.TryGetValue(conversationKey, out var history))
            {
                history = new Queue<DateTimeOffset>(_depth);
                _grants[conversationKey] = history;
            }

            var slot = NextSlot(history, now);
            history.Enqueue(slot);
            if (history.Count > _depth)
            {
                history.Dequeue();
            }

            wait = slot - now;
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, _timeProvider, cancellationToken) : Task.CompletedTask;
    }

    // Grants are handed out in order, so the slot is the earliest time not before the last grant at which every
    // window ending there holds fewer than its count: the count-th most recent grant must lie over a period back.
    private DateTimeOffset NextSlot(Queue<DateTimeOffset> history, DateTimeOffset now)
    {
        var grants = history.ToArray();
        var slot = grants.Length > 0 && grants[^1] > now ? grants[^1] : now;
        foreach (var window in _windows)
        {
            if (grants.Length >= window.Count)
            {
                var nthMostRecent = grants[grants.Length - window.Count];
                var earliest = nthMostRecent + window.Period + BoundaryMargin;
                if (earliest > slot)
                {
                    slot = earliest;
                }
            }
        }

        return slot;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (++_sinceSweep < SweepEvery)
        {
            return;
        }

        _sinceSweep = 0;
        var idle = _grants.Where(entry => entry.Value.Count == 0 || entry.Value.Last() <= now - _longestPeriod)
            .Select(entry => entry.Key).ToList();
        foreach (var key in idle)
        {
            _grants.Remove(key);
        }
    }
}
