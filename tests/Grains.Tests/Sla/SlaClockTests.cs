using WealthActors.Grains.Sla;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly IBusinessCalendar Continuous = ContinuousCalendar.Instance;
    private static readonly DateTimeOffset T0 = Cst(2026, 3, 2, 9);

    [Fact]
    public void Start_RunsFromReceipt()
    {
        var clock = SlaClock.Start(T0);

        Assert.True(clock.IsRunning);
        Assert.Equal(T0, clock.ReceivedAt);
        Assert.Equal(T0, clock.RunningSince);
        Assert.Equal(TimeSpan.FromHours(5), clock.Elapsed(T0.AddHours(5), Continuous));
    }

    [Fact]
    public void Pause_CreditsTheSegmentAndStopsCounting()
    {
        var clock = SlaClock.Start(T0).Pause(T0.AddHours(1), Continuous);

        Assert.False(clock.IsRunning);
        Assert.True(clock.IsPaused);
        Assert.Equal(TimeSpan.FromHours(1), clock.Credited);
        Assert.Equal(TimeSpan.FromHours(1), clock.Elapsed(T0.AddHours(10), Continuous));
    }

    [Fact]
    public void Resume_CountsAgainFromTheCreditedTime()
    {
        var clock = SlaClock.Start(T0).Pause(T0.AddHours(1), Continuous).Resume(T0.AddHours(4));

        Assert.Equal(TimeSpan.FromHours(2), clock.Elapsed(T0.AddHours(5), Continuous));
    }

    [Fact]
    public void Pause_OnBusinessClock_CreditsOnlyWorkingTime()
    {
        var friday = Cst(2026, 3, 6, 18);

        var clock = SlaClock.Start(friday).Pause(Cst(2026, 3, 9, 9), BusinessCalendar.WeekdaysShanghai);

        Assert.Equal(TimeSpan.FromHours(15), clock.Credited);
    }

    [Fact]
    public void Respond_Twice_KeepsTheFirst()
    {
        var clock = SlaClock.Start(T0).Respond(T0.AddHours(1)).Respond(T0.AddHours(2));

        Assert.Equal(T0.AddHours(1), clock.RespondedAt);
        Assert.Equal(TimeSpan.FromHours(1), clock.ElapsedAtResponse(Continuous));
    }

    [Fact]
    public void ElapsedAtResponse_AfterLaterPauses_IsTheElapsedTimeWhenResponding()
    {
        var clock = SlaClock.Start(T0)
            .Pause(T0.AddHours(1), Continuous)
            .Resume(T0.AddHours(5))
            .Respond(T0.AddHours(6))
            .Pause(T0.AddHours(8), Continuous);

        Assert.Equal(TimeSpan.FromHours(2), clock.ElapsedAtResponse(Continuous));
    }

    [Fact]
    public void Resolve_WhileRunning_CreditsAndStops()
    {
        var clock = SlaClock.Start(T0).Resolve(T0.AddHours(3), Continuous);

        Assert.True(clock.IsResolved);
        Assert.False(clock.IsRunning);
        Assert.Equal(TimeSpan.FromHours(3), clock.Credited);
        Assert.Equal(TimeSpan.FromHours(3), clock.Elapsed(T0.AddDays(3), Continuous));
    }

    [Fact]
    public void Resolve_WithoutAcknowledge_CountsAsTheFirstResponse() =>
        Assert.Equal(T0.AddHours(3), SlaClock.Start(T0).Resolve(T0.AddHours(3), Continuous).RespondedAt);

    [Fact]
    public void Resolve_WhilePaused_KeepsTheCreditAndClearsThePause()
    {
        var clock = SlaClock.Start(T0).Pause(T0.AddHours(1), Continuous).Resolve(T0.AddHours(5), Continuous);

        Assert.Equal(TimeSpan.FromHours(1), clock.Credited);
        Assert.False(clock.IsPaused);
        Assert.True(clock.IsResolved);
    }

    [Fact]
    public void Reopen_ResumesFromTheCreditedTime()
    {
        var clock = SlaClock.Start(T0).Resolve(T0.AddHours(3), Continuous).Reopen(T0.AddHours(10));

        Assert.False(clock.IsResolved);
        Assert.Equal(TimeSpan.FromHours(4), clock.Elapsed(T0.AddHours(11), Continuous));
    }

    [Fact]
    public void Checkpoint_WhileRunning_CreditsInTheOldCalendarAndKeepsRunning()
    {
        var friday = Cst(2026, 3, 6, 18);

        var clock = SlaClock.Start(friday).Checkpoint(Cst(2026, 3, 9, 9), BusinessCalendar.WeekdaysShanghai);

        Assert.Equal(TimeSpan.FromHours(15), clock.Credited);
        Assert.Equal(Cst(2026, 3, 9, 9), clock.RunningSince);
        Assert.Equal(TimeSpan.FromHours(16), clock.Elapsed(Cst(2026, 3, 9, 10), Continuous));
    }

    [Fact]
    public void Checkpoint_WhilePaused_ChangesNothing()
    {
        var paused = SlaClock.Start(T0).Pause(T0.AddHours(1), Continuous);

        Assert.Equal(paused, paused.Checkpoint(T0.AddHours(5), Continuous));
    }

    [Fact]
    public void ExtendRegulatory_Once_SetsTheFlag() =>
        Assert.True(SlaClock.Start(T0).ExtendRegulatory().RegulatoryExtended);

    [Fact]
    public void InvalidTransitions_Throw()
    {
        var running = SlaClock.Start(T0);
        var paused = running.Pause(T0.AddHours(1), Continuous);
        var resolved = running.Resolve(T0.AddHours(1), Continuous);

        Assert.Throws<InvalidOperationException>(() => paused.Pause(T0.AddHours(2), Continuous));
        Assert.Throws<InvalidOperationException>(() => running.Resume(T0.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => resolved.Resolve(T0.AddHours(2), Continuous));
        Assert.Throws<InvalidOperationException>(() => resolved.Pause(T0.AddHours(2), Continuous));
        Assert.Throws<InvalidOperationException>(() => resolved.Resume(T0.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => running.Reopen(T0.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => running.ExtendRegulatory().ExtendRegulatory());
    }

    [Fact]
    public void ReachedAt_TargetAheadWhileRunning_IsExact() =>
        Assert.Equal(T0.AddHours(2), SlaClock.Start(T0).ReachedAt(TimeSpan.FromHours(2), Continuous));

    [Fact]
    public void ReachedAt_TargetAheadWhilePaused_IsNull() =>
        Assert.Null(SlaClock.Start(T0).Pause(T0.AddHours(1), Continuous).ReachedAt(TimeSpan.FromHours(2), Continuous));

    [Fact]
    public void ReachedAt_TargetReachedInEarlierSegment_IsTheEndOfThatHistory()
    {
        var paused = SlaClock.Start(T0).Pause(T0.AddHours(3), Continuous);
        var resumed = paused.Resume(T0.AddHours(5));
        var resolved = resumed.Resolve(T0.AddHours(6), Continuous);

        Assert.Equal(T0.AddHours(3), paused.ReachedAt(TimeSpan.FromHours(2), Continuous));
        Assert.Equal(T0.AddHours(5), resumed.ReachedAt(TimeSpan.FromHours(2), Continuous));
        Assert.Equal(T0.AddHours(6), resolved.ReachedAt(TimeSpan.FromHours(2), Continuous));
    }
}
