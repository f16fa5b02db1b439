using WealthActors.Grains.Sla;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Sla;

/// <summary>Clock operations, policy changes and the regulatory backstop as the evaluator sees them.</summary>
public sealed class SlaEvaluatorTests
{
    private static readonly IBusinessCalendar Continuous = ContinuousCalendar.Instance;
    private static readonly IBusinessCalendar Weekdays = BusinessCalendar.WeekdaysShanghai;
    private static readonly DateTimeOffset T0 = Cst(2026, 3, 2, 9);

    [Fact]
    public void Evaluate_ThreeHourPauseOnCalendarClock_MovesEveryDeadlineByThreeHours()
    {
        var clock = SlaClock.Start(T0).Pause(T0.AddHours(1), Continuous).Resume(T0.AddHours(4));

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddHours(4));

        Assert.Equal(T0.AddHours(5), result.FirstResponseDue);
        Assert.Equal([T0.AddHours(15), T0.AddHours(27), T0.AddHours(51)], result.EscalationDue);
        Assert.Equal(T0.AddDays(15).AddHours(3), result.ResolutionDue);
        Assert.Equal(T0.AddHours(4).AddMinutes(36), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_PauseOnBusinessClock_MovesDeadlinesByTheWorkingTimePaused()
    {
        // Paused Friday 22:00, resumed Monday 10:00: 2 + 10 working hours on hold, not the 60 calendar hours.
        var friday = Cst(2026, 3, 6, 18);
        var clock = SlaClock.Start(friday).Pause(Cst(2026, 3, 6, 22), Weekdays).Resume(Cst(2026, 3, 9, 10));

        var result = Evaluate(DefaultSlaPolicies.Standard, clock, Cst(2026, 3, 9, 10));

        Assert.Equal(Cst(2026, 3, 9, 18).AddHours(12), result.FirstResponseDue);
        Assert.Equal(Cst(2026, 3, 10, 18).AddHours(12), result.EscalationDue[0]);
        Assert.Equal(Cst(2026, 3, 13, 18).AddHours(12) + TimeSpan.FromDays(2), result.EscalationDue[1]); // Saturday 06:00 rolls to Monday 06:00
        Assert.Equal(Cst(2026, 3, 21, 18), result.RegulatoryDue);
    }

    [Fact]
    public void Evaluate_Paused_HasNoClockDeadlinesButTheRegulatoryOne()
    {
        var clock = SlaClock.Start(T0).Pause(T0.AddHours(1), Continuous);

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddHours(30));

        Assert.Equal(SlaState.Paused, result.State);
        Assert.Empty(result.Due);
        Assert.Null(result.FirstResponseDue);
        Assert.Null(result.ResolutionDue);
        Assert.Equal([null, null, null], result.EscalationDue);
        Assert.Equal(T0.AddDays(12), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_TargetReachedBeforePause_IsDueAtThePauseInstant()
    {
        var clock = SlaClock.Start(T0).Pause(T0.AddHours(3), Continuous);

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddHours(5));

        Assert.Equal(["warn-first-response", "breach-first-response"], result.Names());
        Assert.All(result.Due, e => Assert.Equal(T0.AddHours(3), e.Due));
        Assert.Equal(T0.AddHours(3), result.FirstResponseDue);
    }

    [Fact]
    public void Evaluate_TargetReachedInEarlierSegment_IsDueAtTheCurrentSegmentStart()
    {
        var clock = SlaClock.Start(T0).Pause(T0.AddHours(3), Continuous).Resume(T0.AddHours(5));

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddHours(6));

        Assert.All(result.Due, e => Assert.Equal(T0.AddHours(5), e.Due));
        Assert.Equal(T0.AddHours(5), result.FirstResponseDue);
    }

    [Fact]
    public void Evaluate_Reopened_ResumesFromTheCreditedTime()
    {
        // Resolved after 10 hours; reopened 20 hours later the ladder continues from 10 hours, not from zero and not from 30.
        var clock = SlaClock.Start(T0).Respond(T0.AddHours(1)).Resolve(T0.AddHours(10), Continuous).Reopen(T0.AddHours(30));

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddHours(30));

        Assert.Equal(SlaState.OnTrack, result.State);
        Assert.Empty(result.Due);
        Assert.Equal(T0.AddHours(32), result.NextDeadline);
        Assert.Equal([T0.AddHours(32), T0.AddHours(44), T0.AddHours(68)], result.EscalationDue);
        Assert.Null(result.FirstResponseDue);
    }

    [Fact]
    public void Evaluate_Resolved_NothingIsDue()
    {
        var clock = SlaClock.Start(T0).Resolve(T0.AddHours(1), Continuous);

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddDays(40));

        Assert.Empty(result.Due);
        Assert.Null(result.NextDeadline);
        Assert.Equal(SlaState.Met, result.State);
    }

    [Fact]
    public void Evaluate_SeverityChangeToPolicyWithFasterLadder_DoesNotRefireLowerLevels()
    {
        // Standard case escalated to the team lead after 2 business days, then re-evaluated under VIP.
        var monday = Cst(2026, 3, 2, 9);
        var wednesday = Cst(2026, 3, 4, 9);
        var fired = new HashSet<string> { "warn-first-response", "breach-first-response", "escalation-1" };
        var clock = SlaClock.Start(monday).Checkpoint(wednesday, Weekdays);

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, wednesday, fired, firedLevel: 1);

        Assert.Equal(["escalation-2", "escalation-3"], result.Names());
    }

    [Fact]
    public void Evaluate_SeverityChangeToSlowerLadder_NeverFiresLevelsAlreadyPassed()
    {
        // VIP case escalated to the branch head (level 2), then downgraded to Standard.
        var fired = new HashSet<string> { "warn-first-response", "breach-first-response", "escalation-1", "escalation-2" };
        var clock = SlaClock.Start(T0).Respond(T0.AddHours(3)).Checkpoint(T0.AddHours(25), Continuous);

        var passingStandardLadder = Evaluate(DefaultSlaPolicies.Standard, clock, Cst(2026, 3, 20), fired, firedLevel: 2);

        Assert.DoesNotContain(passingStandardLadder.Due, e => e.Kind == SlaEventKind.Escalation);
    }

    [Fact]
    public void Evaluate_FiredNamesAndLevels_AreNeverDueAgain()
    {
        var fired = new HashSet<string> { "warn-first-response", "breach-first-response" };

        var result = Evaluate(DefaultSlaPolicies.Vip, SlaClock.Start(T0), T0.AddHours(30), fired, firedLevel: 1);

        Assert.Equal(["escalation-2"], result.Names());
    }

    [Fact]
    public void Evaluate_LateAcknowledgement_StaysBreached()
    {
        var clock = SlaClock.Start(T0).Respond(T0.AddHours(3));

        Assert.Equal(SlaState.Breached, Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddHours(4)).State);
    }

    [Fact]
    public void Evaluate_AcknowledgedAfterWarning_IsOnTrackAgain()
    {
        var clock = SlaClock.Start(T0).Respond(T0.AddMinutes(100));

        Assert.Equal(SlaState.OnTrack, Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddHours(3)).State);
    }

    [Fact]
    public void Evaluate_PausedPastRegulatoryDeadline_BackstopStillFires()
    {
        var clock = SlaClock.Start(T0).Respond(T0.AddMinutes(30)).Pause(T0.AddHours(1), Continuous);

        var atWarning = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddDays(12));
        var atDeadline = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddDays(15), new HashSet<string> { "regulatory-warning" });

        Assert.Equal(["regulatory-warning"], atWarning.Names());
        Assert.Equal(T0.AddDays(15), atWarning.NextDeadline);
        Assert.Equal(["regulatory-breach"], atDeadline.Names());
        Assert.Null(atDeadline.NextDeadline);
        Assert.Equal(SlaState.Paused, atDeadline.State);
    }

    [Fact]
    public void Evaluate_RegulatoryDeadlineOneTickBefore_NotYetDue()
    {
        var clock = SlaClock.Start(T0).Respond(T0.AddMinutes(30)).Pause(T0.AddHours(1), Continuous);

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddDays(15) - Tick, new HashSet<string> { "regulatory-warning" });

        Assert.Empty(result.Due);
        Assert.Equal(T0.AddDays(15), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_ExtendedBeforeWarning_MovesTheBackstopTo30Days()
    {
        var clock = SlaClock.Start(T0).Respond(T0.AddMinutes(30)).Pause(T0.AddHours(1), Continuous).ExtendRegulatory();

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddDays(20));

        Assert.Equal(T0.AddDays(30), result.RegulatoryDue);
        Assert.Empty(result.Due);
        Assert.Equal(T0.AddDays(24), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_ExtendedAfterWarning_WarnsAgainBeforeThe30DayDeadline()
    {
        var clock = SlaClock.Start(T0).Respond(T0.AddMinutes(30)).Pause(T0.AddHours(1), Continuous).ExtendRegulatory();
        var fired = new HashSet<string> { "regulatory-warning" };

        var atWarning = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddDays(24), fired);
        var atDeadline = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddDays(30), new HashSet<string>(fired) { "regulatory-warning-extended" });

        Assert.Equal(["regulatory-warning-extended"], atWarning.Names());
        Assert.Equal(["regulatory-breach-extended"], atDeadline.Names());
    }

    [Fact]
    public void Evaluate_ResolvedWithinTargetButAfterRegulatoryDeadline_IsBreached()
    {
        // Long pauses keep the VIP resolution clock short, but the regulation counts calendar days from receipt.
        var clock = SlaClock.Start(T0).Respond(T0.AddMinutes(30)).Pause(T0.AddHours(1), Continuous).Resolve(T0.AddDays(16), Continuous);

        Assert.Equal(SlaState.Breached, Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddDays(16)).State);
    }

    [Fact]
    public void Evaluate_PastResolutionDeadline_IsBreached()
    {
        var clock = SlaClock.Start(T0).Respond(T0.AddMinutes(30)).Pause(T0.AddHours(1), Continuous).Resume(T0.AddDays(1)).ExtendRegulatory();

        var result = Evaluate(DefaultSlaPolicies.Vip, clock, T0.AddDays(16).AddHours(1));

        Assert.Equal(SlaState.Breached, result.State);
        Assert.Contains("breach-resolution", result.Names());
    }
}
