namespace WealthActors.Grains.Time;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than real time from the moment it is created, for demos
/// (3600: a 24-hour SLA passes in 24 seconds). Timers created through it fire after the scaled-down real delay.
/// </summary>
public sealed class ScaledTimeProvider(double scale, TimeProvider? real = null) : TimeProvider
{
    private readonly TimeProvider _real = real ?? System;
    private readonly DateTimeOffset _origin = (real ?? System).GetUtcNow();
    private readonly long _originTimestamp = (real ?? System).GetTimestamp();

    public double Scale { get; } = scale >= 1 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), "The scale must be at least 1.");

    public override DateTimeOffset GetUtcNow() =>
        _origin + TimeSpan.FromTicks((long)(_real.GetElapsedTime(_originTimestamp).Ticks * Scale));

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override long GetTimestamp() => _originTimestamp + (long)((_real.GetTimestamp() - _originTimestamp) * Scale);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_real.CreateTimer(callback, state, Shrink(dueTime), Shrink(period)), this);

    private TimeSpan Shrink(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Scale)));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Shrink(dueTime), owner.Shrink(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
