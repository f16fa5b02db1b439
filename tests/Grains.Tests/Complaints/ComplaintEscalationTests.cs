using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.Sla;
using WealthActors.Grains.Tests.Infrastructure;
using WealthActors.Testing;

namespace WealthActors.Grains.Tests.Complaints;

[Collection(ClusterCollection.Name)]
public sealed class ComplaintEscalationTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task VipComplaint_LeftUnacknowledged_NotifiesTeamLeadAt12hAndBranchHeadAt24hOnce()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        var opened = await org.OpenVipComplaint(Grains, id);
        Assert.Equal("vip", opened.PolicyId);

        await fixture.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        // The tick that came due (first response missed) must have run and armed the next deadline, 1 s ahead, before
        // the clock moves on: a reminder registered after that second passed would be due a second later. The view's
        // state is computed at the clock's time, so only the breach in the timeline shows that the tick has run.
        await Eventually.Until(() => Grains.GetGrain<IComplaintGrain>(id).GetView(),
            view => view.Timeline.Any(e => e.Kind == nameof(SlaEventKind.FirstResponseBreach)), "the first-response breach in the timeline");
        Assert.Empty(Escalations(await Inbox(org.TeamLead), id));

        await fixture.Advance(TimeSpan.FromSeconds(1));
        var teamLeadInbox = await WaitForEscalation(org.TeamLead, id);
        Assert.Equal($"{id}:1:{opened.PolicyVersion}", Assert.Single(Escalations(teamLeadInbox, id)).Key);
        Assert.Empty(Escalations(await Inbox(org.BranchHead), id));

        await fixture.Advance(TimeSpan.FromHours(12));
        var branchHeadInbox = await WaitForEscalation(org.BranchHead, id);
        Assert.Equal($"{id}:2:{opened.PolicyVersion}", Assert.Single(Escalations(branchHeadInbox, id)).Key);
        Assert.Single(Escalations(await Inbox(org.TeamLead), id));

        var view = await Grains.GetGrain<IComplaintGrain>(id).GetView();
        Assert.Equal(2, view.EscalationLevel);
        Assert.Equal(SlaState.Breached, view.SlaState);
    }

    [Fact]
    public async Task VipComplaint_ReminderTicksTwice_EscalatesOnce()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);

        await fixture.Advance(TimeSpan.FromHours(12));
        await WaitForEscalation(org.TeamLead, id);
        var remindable = Grains.GetGrain<IComplaintGrain>(id).AsReference<IRemindable>();
        await remindable.ReceiveReminder("sla-deadline", default);
        await remindable.ReceiveReminder("sla-deadline", default);

        Assert.Single(Escalations(await Inbox(org.TeamLead), id));
        Assert.Equal(1, (await Grains.GetGrain<IComplaintGrain>(id).GetView()).EscalationLevel);
    }

    [Fact]
    public async Task VipComplaint_DeactivatedBetweenTicks_EscalatesEachLevelOnce()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);

        await fixture.Advance(TimeSpan.FromHours(12));
        await WaitForEscalation(org.TeamLead, id);
        await fixture.Cluster.DeactivateAsync(Grains.GetGrain<IComplaintGrain>(id));

        await fixture.Advance(TimeSpan.FromHours(12));
        await WaitForEscalation(org.BranchHead, id);
        await fixture.Cluster.DeactivateAsync(Grains.GetGrain<IComplaintGrain>(id));

        var view = await Grains.GetGrain<IComplaintGrain>(id).GetView();
        Assert.Equal(2, view.EscalationLevel);
        Assert.Single(Escalations(await Inbox(org.TeamLead), id));
        Assert.Single(Escalations(await Inbox(org.BranchHead), id));
    }

    [Fact]
    public async Task VipComplaint_EscalationTick_DeliversWithoutWaitingForTheNextReminderWrite()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);

        // The tick that fires level 1 registers level 2's deadline; that registration is held back.
        using (fixture.ReminderHolds.Hold(id))
        {
            await fixture.Advance(TimeSpan.FromHours(12));
            // The registration reaches the table through the reminder service, possibly after the delivery: wait until
            // it is held there, so the escalation below can only have come without it.
            await Eventually.Until(() => Task.FromResult(fixture.ReminderHolds.Waiting), waiting => waiting > 0, "the registration held back");
            var teamLeadInbox = await WaitForEscalation(org.TeamLead, id);
            Assert.Single(Escalations(teamLeadInbox, id));
            Assert.True(fixture.ReminderHolds.Waiting > 0, "the next deadline's registration should still be waiting");
        }

        // Once the registration lands, the next rung fires on it.
        await Eventually.Until(() => Task.FromResult(fixture.ReminderHolds.Waiting), waiting => waiting == 0, "the held registration");
        await Grains.GetGrain<IComplaintGrain>(id).GetView();
        await fixture.Advance(TimeSpan.FromHours(12));
        var branchHeadInbox = await WaitForEscalation(org.BranchHead, id);
        Assert.Single(Escalations(branchHeadInbox, id));
    }

    [Fact]
    public async Task Open_FirstDeadlineRegistrationHeld_AnswersOnlyOnceTheReminderIsRegistered()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        Task<ComplaintView> open;

        // Stored without its reminder, a new complaint's first deadline would have nothing to fire it.
        using (fixture.ReminderHolds.Hold(id))
        {
            open = org.OpenVipComplaint(Grains, id);
            await Eventually.Until(() => Task.FromResult(fixture.ReminderHolds.Waiting), waiting => waiting > 0, "the registration held back");
            Assert.False(open.IsCompleted, "the open should wait for its first deadline's reminder");
        }

        Assert.Equal(ComplaintStatus.Open, (await open.WaitAsync(TimeSpan.FromSeconds(30))).Status);
    }

    [Fact]
    public async Task Acknowledge_LaterDeadlineRegistrationHeld_AnswersWithoutWaitingAndTheLadderStillFires()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);
        var complaint = Grains.GetGrain<IComplaintGrain>(id);

        // Acknowledging moves the next deadline later: the reminder still armed for the earlier one is only early.
        using (fixture.ReminderHolds.Hold(id))
        {
            var acknowledged = await complaint.Acknowledge(Actor.Employee(org.Advisor, "tests"), "calling the client").WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(ComplaintStatus.Acknowledged, acknowledged.Status);
            await Eventually.Until(() => Task.FromResult(fixture.ReminderHolds.Waiting), waiting => waiting > 0, "the later deadline's registration held back");
        }

        await Eventually.Until(() => Task.FromResult(fixture.ReminderHolds.Waiting), waiting => waiting == 0, "the held registration");
        await Settle(id);
        await fixture.Advance(TimeSpan.FromHours(12));
        Assert.Single(Escalations(await WaitForEscalation(org.TeamLead, id), id));
    }

    [Fact]
    public async Task VipComplaint_DeadlinePassesWhileDeactivated_CatchesUpOnActivation()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);
        await fixture.Cluster.DeactivateAsync(Grains.GetGrain<IComplaintGrain>(id));

        // Both rungs fall due while nothing is active; whichever comes first, the tick or an activation, fires both.
        await fixture.Advance(TimeSpan.FromHours(25));
        await WaitForEscalation(org.BranchHead, id);

        Assert.Single(Escalations(await Inbox(org.TeamLead), id));
        Assert.Single(Escalations(await Inbox(org.BranchHead), id));
    }

    [Fact]
    public async Task VipComplaint_FirstResponseNearlyDue_WarnsAssigneeAt80Percent()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);

        await fixture.Advance(TimeSpan.FromMinutes(96));
        var inbox = await Eventually.Until(() => Inbox(org.Advisor),
            messages => messages.Any(m => m.ComplaintId == id && m.Kind == InboxKind.Warning), "the first-response warning");

        Assert.Single(inbox, m => m.ComplaintId == id && m.Kind == InboxKind.Warning);
        Assert.Equal(SlaState.AtRisk, (await Grains.GetGrain<IComplaintGrain>(id).GetView()).SlaState);
    }

    [Fact]
    public async Task VipComplaint_ResolvedBeforeDeadline_NeverEscalates()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);
        var complaint = Grains.GetGrain<IComplaintGrain>(id);
        await complaint.Acknowledge(Actor.Employee(org.Advisor, "tests"), "calling the client");
        var resolved = await complaint.Resolve(Actor.Employee(org.Advisor, "tests"), "refunded the fee");

        await fixture.Advance(TimeSpan.FromHours(49));
        await Settle(id);

        Assert.Equal(SlaState.Met, resolved.SlaState);
        Assert.Empty(Escalations(await Inbox(org.TeamLead), id));
        Assert.Empty(Escalations(await Inbox(org.BranchHead), id));
        Assert.Equal(0, (await complaint.GetView()).EscalationLevel);
    }

    [Fact]
    public async Task VipComplaint_PausedForThreeHours_MovesEveryDeadlineByThreeHours()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        var opened = await org.OpenVipComplaint(Grains, id);
        var complaint = Grains.GetGrain<IComplaintGrain>(id);
        var advisor = Actor.Employee(org.Advisor, "tests");

        await fixture.Advance(TimeSpan.FromHours(1));
        var paused = await complaint.Pause(advisor, "waiting for the client's documents");
        Assert.Equal(SlaState.Paused, paused.SlaState);
        Assert.All(paused.Escalations, e => Assert.Null(e.Due));

        await fixture.Advance(TimeSpan.FromHours(3));
        var resumed = await complaint.Resume(advisor, null);

        Assert.Equal(opened.Escalations[0].Due + TimeSpan.FromHours(3), resumed.Escalations[0].Due);
        Assert.Equal(opened.Escalations[1].Due + TimeSpan.FromHours(3), resumed.Escalations[1].Due);
        Assert.Equal(opened.RegulatoryDue, resumed.RegulatoryDue);
    }

    /// <summary>Waits until the complaint has processed whatever its reminder queued (a read is queued behind it).</summary>
    private Task Settle(string id) => Grains.GetGrain<IComplaintGrain>(id).GetView();

    private Task<IReadOnlyList<InboxMessage>> Inbox(string employeeId) => Grains.GetGrain<IEmployeeGrain>(employeeId).GetInbox(100);

    private static InboxMessage[] Escalations(IEnumerable<InboxMessage> inbox, string complaintId) =>
        inbox.Where(m => m.ComplaintId == complaintId && m.Kind == InboxKind.Escalation && char.IsDigit(m.Key[complaintId.Length + 1])).ToArray();

    private Task<IReadOnlyList<InboxMessage>> WaitForEscalation(string employeeId, string complaintId) =>
        Eventually.Until(() => Inbox(employeeId), inbox => Escalations(inbox, complaintId).Length > 0, $"an escalation of {complaintId} for {employeeId}");

    private static string NewId() => $"CMP-{Guid.NewGuid():N}"[..24];
}
