using WealthActors.Grains.Sla;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Sla;

/// <summary>The shipped VIP policy on the Calendar clock.</summary>
public sealed class VipPolicyTests
{
    private static readonly DateTimeOffset T0 = Cst(2026, 3, 2, 9);
    private static readonly SlaClock Opened = SlaClock.Start(T0);

    [Fact]
    public void Evaluate_JustOpened_PlansEveryDeadline()
    {
        var result = Evaluate(DefaultSlaPolicies.Vip, Opened, T0);

        Assert.Equal(SlaState.OnTrack, result.State);
        Assert.Empty(result.Due);
        Assert.Equal(T0.AddMinutes(96), result.NextDeadline);
        Assert.Equal(T0.AddHours(2), result.FirstResponseDue);
        Assert.Equal(T0.AddDays(15), result.ResolutionDue);
        Assert.Equal(T0.AddDays(15), result.RegulatoryDue);
        Assert.Equal([T0.AddHours(12), T0.AddHours(24), T0.AddHours(48)], result.EscalationDue);
    }

    [Fact]
    public void Evaluate_At1h36m_WarnsOfFirstResponse()
    {
        var result = Evaluate(DefaultSlaPolicies.Vip, Opened, T0.AddMinutes(96));

        Assert.Equal(["warn-first-response"], result.Names());
        Assert.Equal(T0.AddMinutes(96), result.Due[0].Due);
        Assert.Equal(SlaState.AtRisk, result.State);
        Assert.Equal(T0.AddHours(2), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_OneTickBeforeWarning_NothingDue()
    {
        var result = Evaluate(DefaultSlaPolicies.Vip, Opened, T0.AddMinutes(96) - Tick);

        Assert.Empty(result.Due);
        Assert.Equal(SlaState.OnTrack, result.State);
        Assert.Equal(T0.AddMinutes(96), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_ExactlyAtFirstResponseDeadline_BreachIsDue()
    {
        var result = Evaluate(DefaultSlaPolicies.Vip, Opened, T0.AddHours(2), fired: new HashSet<string> { "warn-first-response" });

        Assert.Equal(["breach-first-response"], result.Names());
        Assert.Equal(SlaState.Breached, result.State);
        Assert.Equal(T0.AddHours(12), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_OneTickBeforeFirstResponseDeadline_BreachNotYetDue()
    {
        var result = Evaluate(DefaultSlaPolicies.Vip, Opened, T0.AddHours(2) - Tick, fired: new HashSet<string> { "warn-first-response" });

        Assert.Empty(result.Due);
        Assert.Equal(SlaState.AtRisk, result.State);
        Assert.Equal(T0.AddHours(2), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_AcknowledgedAt12h_EscalatesToTeamLead()
    {
        var acknowledged = Opened.Respond(T0.AddHours(1));

        var result = Evaluate(DefaultSlaPolicies.Vip, acknowledged, T0.AddHours(12));

        var escalation = Assert.Single(result.Due);
        Assert.Equal(SlaEventKind.Escalation, escalation.Kind);
        Assert.Equal(1, escalation.Level);
        Assert.Equal("escalation-1", escalation.Name);
        Assert.Equal(T0.AddHours(12), escalation.Due);
        Assert.Equal(SlaState.OnTrack, result.State);
        Assert.Null(result.FirstResponseDue);
    }

    [Fact]
    public void Evaluate_AcknowledgedAndOpen24h_EscalatesToBranchHead()
    {
        var acknowledged = Opened.Respond(T0.AddHours(1));

        var before = Evaluate(DefaultSlaPolicies.Vip, acknowledged, T0.AddHours(24) - Tick, new HashSet<string> { "escalation-1" }, firedLevel: 1);
        var at = Evaluate(DefaultSlaPolicies.Vip, acknowledged, T0.AddHours(24), new HashSet<string> { "escalation-1" }, firedLevel: 1);

        Assert.Empty(before.Due);
        Assert.Equal(T0.AddHours(24), before.NextDeadline);
        Assert.Equal(["escalation-2"], at.Names());
        Assert.Equal(T0.AddHours(48), at.NextDeadline);
    }

    [Fact]
    public void Evaluate_Open48h_EscalatesToRegionalHead()
    {
        var fired = new HashSet<string> { "warn-first-response", "breach-first-response", "escalation-1", "escalation-2" };

        var result = Evaluate(DefaultSlaPolicies.Vip, Opened, T0.AddHours(48), fired, firedLevel: 2);

        Assert.Equal(["escalation-3"], result.Names());
        Assert.Equal(T0.AddDays(12), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_CatchUpAfterDowntime_ReturnsEverythingMissedInOrder()
    {
        var result = Evaluate(DefaultSlaPolicies.Vip, Opened, T0.AddHours(50));

        Assert.Equal(
            ["warn-first-response", "breach-first-response", "escalation-1", "escalation-2", "escalation-3"],
            result.Names());
        Assert.Equal([1, 2, 3], result.Due.Where(e => e.Kind == SlaEventKind.Escalation).Select(e => e.Level));
    }

    [Fact]
    public void Evaluate_At12Days_WarnsOfResolutionAndRegulatoryDeadline()
    {
        var acknowledged = Opened.Respond(T0.AddHours(1));
        var fired = new HashSet<string> { "escalation-1", "escalation-2", "escalation-3" };

        var result = Evaluate(DefaultSlaPolicies.Vip, acknowledged, T0.AddDays(12), fired, firedLevel: 3);

        Assert.Equal(["warn-resolution", "regulatory-warning"], result.Names());
        Assert.Equal(SlaState.AtRisk, result.State);
        Assert.Equal(T0.AddDays(15), result.NextDeadline);
    }

    [Fact]
    public void Evaluate_ResolvedWithinTarget_IsMetAndPendingNothing()
    {
        var resolved = Opened.Respond(T0.AddHours(1)).Resolve(T0.AddHours(30), ContinuousCalendar.Instance);

        var result = Evaluate(DefaultSlaPolicies.Vip, resolved, T0.AddDays(20));

        Assert.Equal(SlaState.Met, result.State);
        Assert.Empty(result.Due);
        Assert.Null(result.NextDeadline);
        Assert.Null(result.ResolutionDue);
        Assert.Equal([T0.AddHours(30), T0.AddHours(30), null], result.EscalationDue);
    }
}
