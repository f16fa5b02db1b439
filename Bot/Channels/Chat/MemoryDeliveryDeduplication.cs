namespace WealthActors.Bot.Channels.Chat;

/// <summary>
/// Delivery keys kept in this process: for the memory storage mode (one silo, nothing durable) and for tests of the
/// channels alone. Bounded in time (a key is dropped at its expiry) and in count (under a flood the oldest keys go
/// first: de-duplication weakens but memory stays bounded). Thread-safe.
/// </summary>
public sealed class MemoryDeliveryDeduplication : IDeliveryDeduplication
{
    public const int DefaultCapacity = 10_000;

    private readonly TimeProvider _clock;
    private readonly Dictionary<string, DateTimeOffset> _seenUntil = new(StringComparer.Ordinal);
    // Soonest expiry first, and of equal expiries the oldest key: that is the order keys are forgotten in.
    private readonly PriorityQueue<(string Key, DateTimeOffset Until), (DateTimeOffset Until, long Sequence)> _expiryOrder = new();
    private long _sequence;
    private readonly Lock _lock = new();

    public MemoryDeliveryDeduplication(TimeProvider clock, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _clock = clock;
        Capacity = capacity;
    }

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

    public Task<bool> TryRecordFirstAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            Purge(now);
            if (_seenUntil.ContainsKey(key))
            {
                return Task.FromResult(false);
            }

            // The queue is what is counted, because forgotten keys leave entries in it until they expire.
            while (_expiryOrder.Count >= Capacity && _expiryOrder.TryDequeue(out var oldest, out _))
            {
                RemoveIfCurrent(oldest.Key, oldest.Until);
            }

            _seenUntil[key] = expiresAt;
            _expiryOrder.Enqueue((key, expiresAt), (expiresAt, _sequence++));
            return Task.FromResult(true);
        }
    }

    public Task ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _seenUntil.Remove(key);
        }

        return Task.CompletedTask;
    }

    private void Purge(DateTimeOffset now)
    {
        while (_expiryOrder.TryPeek(out var head, out _) && head.Until <= now)
        {
            _expiryOrder.Dequeue();
            RemoveIfCurrent(head.Key, head.Until);
        }
    }

    // A key forgotten and recorded again has a newer expiry; its old queue entry must not evict it.
    private void RemoveIfCurrent(string key, DateTimeOffset until)
    {
        if (_seenUntil.TryGetValue(key, out var current) && current == until)
        {
            _seenUntil.Remove(key);
        }
    }
}
