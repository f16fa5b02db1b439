using WealthActors.Employees;
using WealthActors.Grains.Sla;
using WealthActors.Grains.Tests.Infrastructure;
using WealthActors.ServiceRequests;
using WealthActors.Sla;

namespace WealthActors.Grains.Tests.ServiceRequests;

[Collection(ClusterCollection.Name)]
public sealed class ServiceRequestGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task ServiceRequest_OfATypeWithItsOwnPolicy_EscalatesOnThatPolicyOnce_AndNeverOnTheRegulatoryDeadline()
    {
        var org = await TestOrg.Create(Grains);
        var type = $"Type{Guid.NewGuid():N}"[..12];
        await Grains.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey).Put(new SlaPolicy(
            $"sr-{type}", "Fast desk", 0, new PolicyMatch(Categories: [type], Kind: CaseKind.ServiceRequest), 10, ClockKind.Calendar, null,
            TimeSpan.FromHours(1), TimeSpan.FromHours(4), 0.5,
            [new EscalationStep(TimeSpan.FromHours(2), EmployeeRole.BranchHead, EscalationAction.Notify)]), TestOrg.System);
        var id = NewId();

        var opened = await Request(id).Open(new OpenServiceRequest(org.VipClient, type, "Needs a new statement"), Actor.Employee(org.Advisor, "tests"));
        Assert.Equal($"sr-{type}", opened.PolicyId);
        Assert.Equal(org.Advisor, opened.Assignee);

        await fixture.Advance(TimeSpan.FromHours(2));
        var head = await Eventually.Until(() => Inbox(org.BranchHead), inbox => inbox.Any(m => m.Key == $"{id}:1:1:0"), "the escalation");
        Assert.Single(head, m => m.Key.StartsWith(id, StringComparison.Ordinal));
        await Request(id).AsReference<IRemindable>().ReceiveReminder("sla-deadline", default);
        await fixture.Cluster.DeactivateAsync(Request(id));
        Assert.Equal(1, (await Request(id).GetView()).EscalationLevel);
        Assert.Single(await Inbox(org.BranchHead), m => m.Key.StartsWith(id, StringComparison.Ordinal));
        Assert.Equal(1, fixture.ReadModel.ServiceRequests[id].EscalationLevel);

        // Twenty days on, a complaint would have crossed its 15-day regulatory deadline; a service request has none.
        await fixture.Advance(TimeSpan.FromDays(20));
        await Request(id).AsReference<IRemindable>().ReceiveReminder("sla-deadline", default);
        var view = await Request(id).GetView();
        Assert.DoesNotContain(view.Timeline, e => e.Kind.StartsWith("Regulatory", StringComparison.Ordinal));
        Assert.Equal(SlaState.Breached, view.SlaState);
    }

    [Fact]
    public async Task Commands_FollowTheComplaintRules()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        var advisor = Actor.Employee(org.Advisor, "tests");
        var opened = await Request(id).Open(new OpenServiceRequest(org.MassClient, ServiceRequestTypes.ContactChange, "New phone number"), advisor);
        Assert.Equal("service-standard", opened.PolicyId);

        await Assert.ThrowsAsync<InvalidTransitionException>(() => Request(id).Resume(advisor, null));
        await Request(id).Acknowledge(advisor, "Called the client");
        await Request(id).Pause(advisor, "Waiting for the ID copy");
        var resumed = await Request(id).Resume(advisor, null);
        Assert.Equal(ServiceRequestStatus.Acknowledged, resumed.Status);
        await Request(id).Assign(advisor, org.OtherAdvisor, "desk");
        var resolved = await Request(id).Resolve(Actor.Employee(org.OtherAdvisor, "tests"), "Phone updated");
        Assert.Equal(ServiceRequestStatus.Resolved, resolved.Status);
        Assert.Equal(SlaState.Met, resolved.SlaState);
        Assert.Equal(["Opened", "Acknowledged", "Paused", "Resumed", "Assigned", "Resolved"], resolved.Timeline.Select(e => e.Kind));
        var reopened = await Request(id).Reopen(advisor, "Wrong number");
        Assert.Equal(ServiceRequestStatus.Acknowledged, reopened.Status);

        Assert.Equal("service-kyc", (await Request(NewId()).Open(new OpenServiceRequest(org.MassClient, ServiceRequestTypes.KycRenewal, "Annual KYC"), advisor)).PolicyId);
        var missing = await Assert.ThrowsAsync<DomainValidationException>(() => Request(NewId()).Open(new OpenServiceRequest("nobody", "ContactChange", "x"), advisor));
        Assert.Equal("clientId", missing.Field);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Request(NewId()).GetView());
        await Assert.ThrowsAsync<EntityExistsException>(() => Request(id).Open(new OpenServiceRequest(org.MassClient, "ContactChange", "x"), advisor));
    }

    private IServiceRequestGrain Request(string id) => Grains.GetGrain<IServiceRequestGrain>(id);

    private Task<IReadOnlyList<InboxMessage>> Inbox(string employeeId) => Grains.GetGrain<IEmployeeGrain>(employeeId).GetInbox(100);

    private static string NewId() => $"SR-{Guid.NewGuid():N}"[..24];
}
