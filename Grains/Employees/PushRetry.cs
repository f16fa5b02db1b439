namespace WealthActors.Grains.Employees;

/// <summary>
/// When an unconfirmed chat push is handed to its channels again. A channel retries one push by itself for about
/// half a minute and ignores a hand-over of a push it is still working on, so the first repeat waits a minute and
/// later ones back off, covering a channel outage of about half an hour before the push is left to the inbox alone.
/// </summary>
public static class PushRetry
{
    /// <summary>Hand-overs in all, the first push included.</summary>
    public const int MaxAttempts = 6;

    /// <summary>The wait after the first hand-over; it doubles after each further one.</summary>
    public static readonly TimeSpan FirstInterval = TimeSpan.FromMinutes(1);

    /// <summary>The period of the reminder that re-activates the grain while pushes are pending.</summary>
    public static readonly TimeSpan ReminderPeriod = FirstInterval;

    /// <summary>Whether <paramref name="entry"/> should be handed over again at <paramref name="now"/>.</summary>
    public static bool IsDue(PendingPush entry, DateTimeOffset now) => now >= NextAttemptAt(entry);

    public static DateTimeOffset NextAttemptAt(PendingPush entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var doublings = Math.Clamp(entry.Attempts - 1, 0, MaxAttempts);
        return entry.LastAttemptAt + (FirstInterval * (1 << doublings));
    }

    /// <summary>True when another hand-over would exceed <see cref="MaxAttempts"/>.</summary>
    public static bool IsExhausted(PendingPush entry) => entry.Attempts >= MaxAttempts;
}
