namespace WealthActors.Grains.Sla;

/// <summary>
/// The SLA clock of one case: elapsed working time is <see cref="Credited"/> plus the working time of the running
/// segment since <see cref="RunningSince"/>. Transitions return a new clock; an invalid one throws
/// <see cref="InvalidOperationException"/> as a guard, since the grain validates the command first.
/// </summary>
/// <param name="ReceivedAt">Start of the regulatory clock; never paused.</param>
/// <param name="Credited">Working time accumulated in closed running segments.</param>
/// <param name="RunningSince">Start of the current running segment; null while paused or resolved.</param>
/// <param name="RespondedAt">First response (acknowledge, or resolution when nobody acknowledged).</param>
/// <param name="ResolvedAt">When the case was resolved; null while open.</param>
/// <param name="PausedAt">When the current pause began; null unless paused.</param>
/// <param name="RegulatoryExtended">Whether the regulatory deadline was extended from 15 to 30 days.</param>
[GenerateSerializer, Immutable, Alias("WealthActors.SlaClock")]
public sealed record SlaClock(
    [property: Id(0)] DateTimeOffset ReceivedAt,
    [property: Id(1)] TimeSpan Credited,
    [property: Id(2)] DateTimeOffset? RunningSince,
    [property: Id(3)] DateTimeOffset? RespondedAt,
    [property: Id(4)] DateTimeOffset? ResolvedAt,
    [property: Id(5)] DateTimeOffset? PausedAt,
    [property: Id(6)] bool RegulatoryExtended)
{
    // Respond has no calendar, so it records the clock as it stood; with these the elapsed time at the response can be
    // computed later, which tells whether the first response was on time even after further pauses.
    [Id(7)]
    public TimeSpan CreditedAtResponse { get; init; }

    [Id(8)]
    public DateTimeOffset? RunningAtResponse { get; init; }

    public bool IsRunning => RunningSince is not null;

    public bool IsPaused => PausedAt is not null;

    public bool IsResolved => ResolvedAt is not null;

    public bool HasResponded => RespondedAt is not null;

    public static SlaClock Start(DateTimeOffset now) => new(now, TimeSpan.Zero, now, null, null, null, false);

    /// <summary>Stops the clock and credits the running segment; the paused time does not count.</summary>
    public SlaClock Pause(DateTimeOffset now, IBusinessCalendar calendar)
    {
        if (RunningSince is not { } since)
        {
            throw new InvalidOperationException(IsResolved ? "The case is resolved." : "The clock is already paused.");
        }

        return this with { Credited = Credited + calendar.WorkingTimeBetween(since, now), RunningSince = null, PausedAt = now };
    }

    public SlaClock Resume(DateTimeOffset now)
    {
        if (!IsPaused)
        {
            throw new InvalidOperationException(IsResolved ? "The case is resolved." : "The clock is not paused.");
        }

        return this with { RunningSince = now, PausedAt = null };
    }

    /// <summary>Records the first response; later calls keep the first.</summary>
    public SlaClock Respond(DateTimeOffset now) =>
        HasResponded ? this : this with { RespondedAt = now, CreditedAtResponse = Credited, RunningAtResponse = RunningSince };

    /// <summary>
    /// Stops the clock and credits the running segment. A resolution answers the client, so it also counts as the first
    /// response when nobody acknowledged; otherwise a reopened case would owe a first response it can no longer give.
    /// </summary>
    public SlaClock Resolve(DateTimeOffset now, IBusinessCalendar calendar)
    {
        if (IsResolved)
        {
            throw new InvalidOperationException("The case is already resolved.");
        }

        return Respond(now) with { Credited = Elapsed(now, calendar), RunningSince = null, PausedAt = null, ResolvedAt = now };
    }

    /// <summary>Starts a new running segment from the credited elapsed time.</summary>
    public SlaClock Reopen(DateTimeOffset now)
    {
        if (!IsResolved)
        {
            throw new InvalidOperationException("The case is not resolved.");
        }

        return this with { ResolvedAt = null, RunningSince = now };
    }

    /// <summary>
    /// Credits the running segment and starts a new one at <paramref name="now"/>; a no-op unless running. Call it with
    /// the old calendar before the clock starts counting in another (policy or calendar change), so the time so far
    /// stays counted the way it accrued instead of being recounted in the new calendar.
    /// </summary>
    public SlaClock Checkpoint(DateTimeOffset now, IBusinessCalendar calendar) =>
        RunningSince is { } since ? this with { Credited = Credited + calendar.WorkingTimeBetween(since, now), RunningSince = now } : this;

    /// <summary>Moves the regulatory deadline from 15 to 30 days after receipt; allowed once.</summary>
    public SlaClock ExtendRegulatory()
    {
        if (RegulatoryExtended)
        {
            throw new InvalidOperationException("The regulatory deadline was already extended.");
        }

        return this with { RegulatoryExtended = true };
    }

    public TimeSpan Elapsed(DateTimeOffset now, IBusinessCalendar calendar) =>
        RunningSince is { } since ? Credited + calendar.WorkingTimeBetween(since, now) : Credited;

    /// <summary>Elapsed working time when the first response was given; null until then.</summary>
    public TimeSpan? ElapsedAtResponse(IBusinessCalendar calendar) => RespondedAt is not { } respondedAt
        ? null
        : CreditedAtResponse + (RunningAtResponse is { } since ? calendar.WorkingTimeBetween(since, respondedAt) : TimeSpan.Zero);

    /// <summary>
    /// The instant elapsed time reaches <paramref name="target"/>. While running and not yet reached, that is
    /// exact. When it was reached in an earlier, closed segment the clock no longer knows the exact instant, so this
    /// reports the end of that history: the start of the current segment while running, <see cref="PausedAt"/> while
    /// paused, <see cref="ResolvedAt"/> once resolved — the latest instant at which the target was certainly reached,
    /// never in the future. Null while stopped and not yet reached: a stopped clock reaches nothing.
    /// </summary>
    public DateTimeOffset? ReachedAt(TimeSpan target, IBusinessCalendar calendar)
    {
        if (Credited >= target)
        {
            return RunningSince ?? PausedAt ?? ResolvedAt ?? ReceivedAt;
        }

        return RunningSince is { } since ? calendar.AddWorkingTime(since, target - Credited) : null;
    }
}
