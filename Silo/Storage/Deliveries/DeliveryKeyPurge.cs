namespace WealthActors.Silo.Storage.Deliveries;

/// <summary>
/// When expired delivery keys are next deleted: at most once a <see cref="Interval"/> per silo, by whichever
/// recording comes first after it. Expired rows are harmless meanwhile (an expired key counts as unseen), so the
/// purge only keeps the table small. Thread-safe.
/// </summary>
internal sealed class DeliveryKeyPurge(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private long _nextTicks;

    /// <summary>True for the one caller that should purge now.</summary>
    public bool IsDue()
    {
        var now = clock.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextTicks);
        return now >= next && Interlocked.CompareExchange(ref _nextTicks, now + Interval.Ticks, next) == next;
    }
}
