using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Grains.Sla;
using WealthActors.Grains.Tests.Infrastructure;
using WealthActors.Sla;
using WealthActors.Tasks;

namespace WealthActors.Grains.Tests.Tasks;

[Collection(ClusterCollection.Name)]
public sealed class TaskGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task FollowUp_NotDoneWithin3Days_RemindsOwnerThenTeamLeadOnce()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        var created = await Create(org, id, due: null);

        Assert.Equal("task-standard", created.PolicyId);
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromDays(3), created.Due);
        Assert.Contains(await Inbox(org.Advisor), m => m.Key == $"{id}:created" && m.Kind == InboxKind.Task && m.TaskId == id);

        await fixture.Advance(TimeSpan.FromDays(3));
        await Eventually.Until(() => Inbox(org.Advisor), inbox => inbox.Any(m => m.Key == $"{id}:breach-resolution:1:0"), "the overdue reminder");
        Assert.Empty(Escalations(await Inbox(org.TeamLead), id));
        Assert.True((await Task(id).GetView()).Overdue);

        await fixture.Advance(TimeSpan.FromDays(1));
        var teamLead = await Eventually.Until(() => Inbox(org.TeamLead), inbox => Escalations(inbox, id).Length > 0, "the escalation");
        Assert.Equal($"{id}:1:1:0", Assert.Single(Escalations(teamLead, id)).Key);

        var remindable = Task(id).AsReference<IRemindable>();
        await remindable.ReceiveReminder("sla-deadline", default);
        await fixture.Cluster.DeactivateAsync(Task(id));
        Assert.Equal(1, (await Task(id).GetView()).EscalationLevel);
        Assert.Single(Escalations(await Inbox(org.TeamLead), id));
        Assert.Equal(1, fixture.ReadModel.Tasks[id].EscalationLevel);
        Assert.True(fixture.ReadModel.Tasks[id].Overdue);
    }

    [Fact]
    public async Task Overdue_WhileDeactivated_EscalatesOnActivation()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await Create(org, id, fixture.Clock.GetUtcNow() + TimeSpan.FromHours(2));
        await fixture.Cluster.DeactivateAsync(Task(id));

        await fixture.Advance(TimeSpan.FromHours(2) + TimeSpan.FromDays(1));

        var teamLead = await Eventually.Until(() => Inbox(org.TeamLead), inbox => Escalations(inbox, id).Length > 0, "the escalation");
        Assert.Single(Escalations(teamLead, id));
        Assert.Single(await Inbox(org.Advisor), m => m.Key == $"{id}:breach-resolution:1:0");
    }

    [Fact]
    public async Task Complete_WithOutcome_LogsInteractionAndStopsTheLadder()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await Create(org, id, fixture.Clock.GetUtcNow() + TimeSpan.FromHours(1));

        var done = await Task(id).Complete(Actor.Employee(org.Advisor, "tests"), "Client renewed the product");

        Assert.Equal(WorkItemStatus.Done, done.Status);
        Assert.Equal("Client renewed the product", done.Outcome);
        var client = await Grains.GetGrain<IClientGrain>(org.VipClient).GetView();
        Assert.Equal(fixture.Clock.GetUtcNow(), client.LastInteractionAt);
        Assert.Contains(client.RecentInteractions, i => i.EmployeeId == org.Advisor && i.Note.Contains("Client renewed the product", StringComparison.Ordinal));
        Assert.Equal(WorkItemStatus.Done, fixture.ReadModel.Tasks[id].Status);

        await fixture.Advance(TimeSpan.FromDays(2));
        await Task(id).AsReference<IRemindable>().ReceiveReminder("sla-deadline", default);
        Assert.DoesNotContain(await Inbox(org.Advisor), m => m.Key.StartsWith($"{id}:breach", StringComparison.Ordinal));
        Assert.Empty(Escalations(await Inbox(org.TeamLead), id));
        await Assert.ThrowsAsync<InvalidTransitionException>(() => Task(id).Complete(TestOrg.System, "again"));
        await Assert.ThrowsAsync<InvalidTransitionException>(() => Task(id).Cancel(TestOrg.System, "late"));
    }

    [Fact]
    public async Task Snooze_MovesTheDueDate_AndRemindsAgainAtItsEnd()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await Create(org, id, fixture.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        await fixture.Advance(TimeSpan.FromHours(1));
        await Eventually.Until(() => Inbox(org.Advisor), inbox => inbox.Any(m => m.Key == $"{id}:breach-resolution:1:0"), "the first overdue reminder");

        var until = fixture.Clock.GetUtcNow() + TimeSpan.FromDays(2);
        var snoozed = await Task(id).Snooze(Actor.Employee(org.Advisor, "tests"), until, "client travelling");
        Assert.Equal(WorkItemStatus.Snoozed, snoozed.Status);
        Assert.Equal(until, snoozed.Due);
        Assert.False(snoozed.Overdue);

        await fixture.Advance(TimeSpan.FromDays(2));
        await Eventually.Until(() => Inbox(org.Advisor), inbox => inbox.Any(m => m.Key == $"{id}:breach-resolution:1:1"), "the reminder after the snooze");
        var view = await Task(id).GetView();
        Assert.Equal(WorkItemStatus.Open, view.Status);
        Assert.True(view.Overdue);
        await Assert.ThrowsAsync<DomainValidationException>(() => Task(id).Snooze(TestOrg.System, fixture.Clock.GetUtcNow(), null));
    }

    [Fact]
    public async Task Cancel_EndsTheTask_AndUnknownIdsAndBadInputAreRefused()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await Create(org, id, null);

        var cancelled = await Task(id).Cancel(TestOrg.System, "client closed the account");
        Assert.Equal(WorkItemStatus.Cancelled, cancelled.Status);
        Assert.Contains(cancelled.Timeline, e => e.Kind == "Cancelled" && e.Text == "client closed the account");

        await Assert.ThrowsAsync<EntityNotFoundException>(() => Task(NewId()).GetView());
        await Assert.ThrowsAsync<EntityExistsException>(() => Create(org, id, null));
        var missingClient = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Task(NewId()).Create(new CreateTask("nobody", "Call", null, org.Advisor), TestOrg.System));
        Assert.Equal("clientId", missingClient.Field);
        var missingOwner = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Task(NewId()).Create(new CreateTask(org.VipClient, "Call", null, "nobody"), TestOrg.System));
        Assert.Equal("owner", missingOwner.Field);
        var complaintPolicy = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Task(NewId()).Create(new CreateTask(org.VipClient, "Call", null, org.Advisor, PolicyId: "vip"), TestOrg.System));
        Assert.Equal("policyId", complaintPolicy.Field);
    }

    [Fact]
    public async Task TaskPolicy_ForItsKind_IsTakenFromTheCatalog_AndComplaintsKeepTheirs()
    {
        var org = await TestOrg.Create(Grains);
        var catalog = Grains.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey);
        var kind = $"Kind{Guid.NewGuid():N}"[..12];
        await catalog.Put(DefaultSlaPolicies.Task with
        {
            Id = $"task-{kind}",
            Match = new PolicyMatch(Categories: [kind], Kind: CaseKind.Task),
            Priority = 10,
            Escalations = [new EscalationStep(TimeSpan.FromHours(2), EmployeeRole.BranchHead, EscalationAction.Notify)],
        }, TestOrg.System);

        var id = NewId();
        var created = await Task(id).Create(new CreateTask(org.MassClient, "Check", fixture.Clock.GetUtcNow() + TimeSpan.FromHours(1), org.Advisor, kind), TestOrg.System);
        Assert.Equal($"task-{kind}", created.PolicyId);

        await fixture.Advance(TimeSpan.FromHours(3));
        await Eventually.Until(() => Inbox(org.BranchHead), inbox => Escalations(inbox, id).Length > 0, "the escalation to the branch head");

        var complaint = await org.OpenVipComplaint(Grains, $"CMP-{Guid.NewGuid():N}"[..24]);
        Assert.Equal("vip", complaint.PolicyId);
    }

    [Fact]
    public async Task Reassign_ToAnotherTeam_SendsWhatIsStillToComeToTheNewOwnerAndTheirTeamLead_Once()
    {
        var org = await TestOrg.Create(Grains);
        var newLead = $"{org.Prefix}-NL";
        var newAdvisor = $"{org.Prefix}-NA";
        await Grains.GetGrain<IEmployeeGrain>(newLead).Upsert(new EmployeeProfile(newLead, EmployeeRole.TeamLead, org.Branch, org.BranchHead, null, null), TestOrg.System);
        await Grains.GetGrain<IEmployeeGrain>(newAdvisor).Upsert(new EmployeeProfile(newAdvisor, EmployeeRole.Advisor, org.Branch, newLead, null, null), TestOrg.System);
        var id = NewId();
        await Create(org, id, fixture.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        var handover = Actor.Employee(org.BranchHead, "tests");

        var moved = await Task(id).Reassign(handover, org.Advisor, newAdvisor, "handover HO-1");
        var again = await Task(id).Reassign(handover, org.Advisor, newAdvisor, "handover HO-1");

        Assert.Equal(newAdvisor, moved.Owner);
        Assert.Equal($"{org.Advisor} → {newAdvisor}: handover HO-1", Assert.Single(again.Timeline, e => e.Kind == "Assigned").Text);
        Assert.Equal(newAdvisor, fixture.ReadModel.Tasks[id].Owner);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => Task(id).Reassign(handover, org.OtherAdvisor, org.Advisor, null));

        await fixture.Advance(TimeSpan.FromHours(1));
        await Eventually.Until(() => Inbox(newAdvisor), inbox => inbox.Any(m => m.Key == $"{id}:breach-resolution:1:0"), "the overdue reminder to the new owner");
        await fixture.Advance(TimeSpan.FromDays(1));
        await Eventually.Until(() => Inbox(newLead), inbox => Escalations(inbox, id).Length > 0, "the escalation to the new owner's team lead");
        Assert.DoesNotContain(await Inbox(org.Advisor), m => m.TaskId == id && m.Kind != InboxKind.Task);
        Assert.Empty(Escalations(await Inbox(org.TeamLead), id));

        await Task(id).Complete(Actor.Employee(newAdvisor, "tests"), "called");
        await Assert.ThrowsAsync<InvalidTransitionException>(() => Task(id).Reassign(handover, newAdvisor, org.Advisor, null));
    }

    private Task<TaskView> Create(TestOrg org, string id, DateTimeOffset? due) =>
        Task(id).Create(new CreateTask(org.VipClient, "Follow up on the fund maturity", due, org.Advisor), Actor.Employee(org.Advisor, "tests"));

    private ITaskGrain Task(string id) => Grains.GetGrain<ITaskGrain>(id);

    private Task<IReadOnlyList<InboxMessage>> Inbox(string employeeId) => Grains.GetGrain<IEmployeeGrain>(employeeId).GetInbox(100);

    private static InboxMessage[] Escalations(IEnumerable<InboxMessage> inbox, string taskId) =>
        inbox.Where(m => m.TaskId == taskId && m.Kind == InboxKind.Escalation && char.IsDigit(m.Key[taskId.Length + 1])).ToArray();

    private static string NewId() => $"TSK-{Guid.NewGuid():N}"[..24];
}
