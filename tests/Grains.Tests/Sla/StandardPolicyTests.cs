using WealthActors.Grains.Sla;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Sla;

/// <summary>The shipped Standard policy on the Business clock (Shanghai weekdays).</summary>
public sealed class StandardPolicyTests
{
    // Friday 6 March 2026, 18:00 in Shanghai: six working hours are left before the weekend.
    private static readonly DateTimeOffset FridayEvening = Cst(2026, 3, 6, 18);
    private static readonly SlaClock Opened = SlaClock.Start(FridayEvening);

    [Fact]
    public void Evaluate_FridayEveningCase_DeadlinesLandOnFollowingWorkingDays()
    {
        var result = Evaluate(DefaultSlaPolicies.Standard, Opened, FridayEvening);

        Assert.Equal(Cst(2026, 3, 9, 18), result.FirstResponseDue);          // Monday
        Assert.Equal(Cst(2026, 3, 10, 18), result.EscalationDue[0]);         // team lead, Tuesday
        Assert.Equal(Cst(2026, 3, 13, 18), result.EscalationDue[1]);         // branch head, next Friday
        Assert.Equal(Cst(2026, 3, 20, 18), result.ResolutionDue);            // 10 business days
        Assert.Equal(Cst(2026, 3, 21, 18), result.RegulatoryDue);            // 15 calendar days
        Assert.Equal(Cst(2026, 3, 9, 13, 12), result.NextDeadline);          // 80 % of a business day
    }

    [Fact]
    public void Evaluate_OverTheWeekend_NothingDueAndOnTrack()
    {
        var result = Evaluate(DefaultSlaPolicies.Standard, Opened, Cst(2026, 3, 8, 23, 59));

        Assert.Empty(result.Due);
        Assert.Equal(SlaState.OnTrack, result.State);
        Assert.Equal(Cst(2026, 3, 9, 13, 12), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_MondayAt80Percent_WarnsOfFirstResponse()
    {
        var result = Evaluate(DefaultSlaPolicies.Standard, Opened, Cst(2026, 3, 9, 13, 12));

        Assert.Equal(["warn-first-response"], result.Names());
        Assert.Equal(SlaState.AtRisk, result.State);
    }

    [Fact]
    public void Evaluate_MondayEvening_FirstResponseBreached()
    {
        var result = Evaluate(DefaultSlaPolicies.Standard, Opened, Cst(2026, 3, 9, 18), new HashSet<string> { "warn-first-response" });

        Assert.Equal(["breach-first-response"], result.Names());
        Assert.Equal(SlaState.Breached, result.State);
        Assert.Equal(Cst(2026, 3, 10, 18), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_TuesdayEvening_EscalatesToTeamLead()
    {
        var acknowledged = Opened.Respond(Cst(2026, 3, 9, 10));

        var before = Evaluate(DefaultSlaPolicies.Standard, acknowledged, Cst(2026, 3, 10, 18) - Tick);
        var at = Evaluate(DefaultSlaPolicies.Standard, acknowledged, Cst(2026, 3, 10, 18));

        Assert.Empty(before.Due);
        Assert.Equal(["escalation-1"], at.Names());
        Assert.Equal(SlaState.OnTrack, at.State);
    }

    [Fact]
    public void Evaluate_NextFridayEvening_EscalatesToBranchHead()
    {
        var acknowledged = Opened.Respond(Cst(2026, 3, 9, 10));

        var result = Evaluate(DefaultSlaPolicies.Standard, acknowledged, Cst(2026, 3, 13, 18), new HashSet<string> { "escalation-1" }, firedLevel: 1);

        Assert.Equal(["escalation-2"], result.Names());
        Assert.Equal(Cst(2026, 3, 18, 18), result.NextDeadline);             // resolution warning at 8 business days
    }

    [Fact]
    public void Evaluate_ResolvedOnTarget_IsMet()
    {
        var resolved = Opened.Respond(Cst(2026, 3, 9, 10)).Resolve(Cst(2026, 3, 20, 17), BusinessCalendar.WeekdaysShanghai);

        Assert.Equal(SlaState.Met, Evaluate(DefaultSlaPolicies.Standard, resolved, Cst(2026, 3, 30)).State);
    }

    [Fact]
    public void Evaluate_ResolvedExactlyAtResolutionDeadline_IsBreached()
    {
        var resolved = Opened.Respond(Cst(2026, 3, 9, 10)).Resolve(Cst(2026, 3, 20, 18), BusinessCalendar.WeekdaysShanghai);

        Assert.Equal(SlaState.Breached, Evaluate(DefaultSlaPolicies.Standard, resolved, Cst(2026, 3, 30)).State);
    }
}
