namespace WealthActors.Grains.Hosting;

/// <summary>Configuration section <c>Sla</c>.</summary>
public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>
    /// Period of the one-shot deadline reminder. It only matters when a tick is missed (the silo was down at the
    /// deadline): Orleans skips missed ticks and fires at the next period boundary, so this bounds the lateness of
    /// a deadline that passed during an outage.
    /// </summary>
    public TimeSpan ReminderRetryPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Demo only: how many times faster than real time the clock runs (3600 makes an hour pass in a second).
    /// It acts through the injected <see cref="TimeProvider"/>, never through the domain code.
    /// </summary>
    public double TimeScale { get; set; } = 1;
}
