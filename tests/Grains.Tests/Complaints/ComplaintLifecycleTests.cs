using WealthActors.Complaints;
using WealthActors.Grains.Tests.Infrastructure;

namespace WealthActors.Grains.Tests.Complaints;

[Collection(ClusterCollection.Name)]
public sealed class ComplaintLifecycleTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    public static TheoryData<string> InvalidTransitions => new()
    {
        "acknowledge-twice", "resume-while-open", "reopen-while-open", "resolve-twice", "pause-twice", "assign-to-same",
    };

    [Theory]
    [MemberData(nameof(InvalidTransitions))]
    public async Task Command_InvalidTransition_IsRejectedAndChangesNothing(string scenario)
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);
        var complaint = Grains.GetGrain<IComplaintGrain>(id);
        var advisor = Actor.Employee(org.Advisor, "tests");
        Func<Task> invalid = scenario switch
        {
            "acknowledge-twice" => await Prepare(complaint.Acknowledge(advisor, null), () => complaint.Acknowledge(advisor, null)),
            "resume-while-open" => () => complaint.Resume(advisor, null),
            "reopen-while-open" => () => complaint.Reopen(advisor, "again"),
            "resolve-twice" => await Prepare(complaint.Resolve(advisor, "done"), () => complaint.Resolve(advisor, "done")),
            "pause-twice" => await Prepare(complaint.Pause(advisor, "waiting"), () => complaint.Pause(advisor, "waiting")),
            "assign-to-same" => () => complaint.Assign(advisor, org.Advisor, null),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
        var before = await complaint.GetView();

        await Assert.ThrowsAsync<InvalidTransitionException>(invalid);

        var after = await complaint.GetView();
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Assignee, after.Assignee);
        Assert.Equal(before.Timeline.Count, after.Timeline.Count);
        Assert.Equal(before.Escalations.Select(e => e.Due), after.Escalations.Select(e => e.Due));
    }

    [Fact]
    public async Task Reopen_AfterResolve_ResumesFromCreditedTime()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);
        var complaint = Grains.GetGrain<IComplaintGrain>(id);
        var advisor = Actor.Employee(org.Advisor, "tests");

        await fixture.Advance(TimeSpan.FromHours(2));
        await complaint.Resolve(advisor, "explained the fee");
        await fixture.Advance(TimeSpan.FromHours(5));
        var reopened = await complaint.Reopen(advisor, "client disagrees");

        // 2 hours were used before the resolution; the team-lead rung (12 h) is 10 hours of running clock away.
        Assert.Equal(ComplaintStatus.Acknowledged, reopened.Status);
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromHours(10), reopened.Escalations[0].Due);
    }

    [Fact]
    public async Task Projection_CarriesChannelFirstResponseAndResolutionOutcomes()
    {
        var org = await TestOrg.Create(Grains);
        var onTime = NewId();
        var late = NewId();
        await org.OpenVipComplaint(Grains, onTime);
        await org.OpenVipComplaint(Grains, late);
        var advisor = Actor.Employee(org.Advisor, "tests");
        var opened = fixture.ReadModel.Complaints[onTime];
        Assert.Equal(("phone", null, null, null, null, null),
            (opened.Channel, opened.RespondedAt, opened.ResolvedAt, opened.FirstResponseMinutes, opened.FirstResponseMet, opened.ResolutionMet));

        // The VIP policy answers within 2 hours: one case at 90 minutes, the other at 3 hours.
        await fixture.Advance(TimeSpan.FromMinutes(90));
        await Grains.GetGrain<IComplaintGrain>(onTime).Acknowledge(advisor, "called back");
        var answeredAt = fixture.Clock.GetUtcNow();
        await fixture.Advance(TimeSpan.FromMinutes(90));
        await Grains.GetGrain<IComplaintGrain>(late).Acknowledge(advisor, "called back late");
        await Grains.GetGrain<IComplaintGrain>(onTime).Resolve(advisor, "refunded");

        var first = fixture.ReadModel.Complaints[onTime];
        Assert.Equal((answeredAt, 90, true), (first.RespondedAt, first.FirstResponseMinutes, first.FirstResponseMet));
        Assert.Equal((fixture.Clock.GetUtcNow(), true), (first.ResolvedAt, first.ResolutionMet));
        var second = fixture.ReadModel.Complaints[late];
        Assert.Equal((180, false, null), (second.FirstResponseMinutes, second.FirstResponseMet, second.ResolutionMet));
    }

    [Fact]
    public async Task Assign_ToAnotherAdvisor_RecordsItAndKeepsTheLadder()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        var opened = await org.OpenVipComplaint(Grains, id);

        var assigned = await Grains.GetGrain<IComplaintGrain>(id).Assign(Actor.Employee(org.TeamLead, "tests"), org.OtherAdvisor, "workload");

        Assert.Equal(org.OtherAdvisor, assigned.Assignee);
        Assert.Equal(opened.Escalations.Select(e => e.Due), assigned.Escalations.Select(e => e.Due));
        Assert.Equal(org.TeamLead, assigned.Escalations[0].ToEmployeeId);
        Assert.Contains(assigned.Timeline, t => t.Kind == "Assigned" && t.By == org.TeamLead);
    }

    [Fact]
    public async Task Assign_ToUnknownEmployee_IsRejectedNamingTheField()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);

        var error = await Assert.ThrowsAsync<DomainValidationException>(
            () => Grains.GetGrain<IComplaintGrain>(id).Assign(Actor.Employee(org.TeamLead, "tests"), "NOBODY", null));

        Assert.Equal("to", error.Field);
    }

    [Fact]
    public async Task Open_UnderAnIdTaken_IsRefusedAndTheOtherComplaintStaysAsItWas()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);

        await Assert.ThrowsAsync<EntityExistsException>(() => Grains.GetGrain<IComplaintGrain>(id).Open(
            new OpenComplaint(org.VipClient, "Fees", Severity.Normal, "email", "Another matter", null), TestOrg.System));

        var view = await Grains.GetGrain<IComplaintGrain>(id).GetView();
        Assert.Equal("Transfer delayed", view.Description);
        Assert.Equal(Severity.High, view.Severity);
    }

    [Fact]
    public async Task OpenUnderNewId_DrawnIdTaken_DrawsAgain()
    {
        var org = await TestOrg.Create(Grains);
        var taken = NewId();
        var fresh = NewId();
        await org.OpenVipComplaint(Grains, taken);
        var draws = new Queue<string>([taken, fresh]);

        var opened = await ComplaintIds.OpenUnderNewId(Grains, draws.Dequeue,
            new OpenComplaint(org.VipClient, "Fees", Severity.Normal, "email", "Another matter", null), TestOrg.System);

        Assert.Equal(fresh, opened.ComplaintId);
        Assert.Equal("Another matter", opened.Description);
        Assert.Equal("Transfer delayed", (await Grains.GetGrain<IComplaintGrain>(taken).GetView()).Description);
    }

    [Fact]
    public async Task Open_ForUnknownClient_IsRejectedAndNothingExists()
    {
        var id = NewId();
        var complaint = Grains.GetGrain<IComplaintGrain>(id);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => complaint.Open(
            new OpenComplaint("NO-SUCH-CLIENT", "Service", Severity.Normal, "phone", "x", null), TestOrg.System));

        Assert.Equal("clientId", error.Field);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => complaint.GetView());
    }

    [Fact]
    public async Task Open_StandardClient_UsesBusinessDayPolicyAndPublishesProjection()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();

        var opened = await Grains.GetGrain<IComplaintGrain>(id).Open(
            new OpenComplaint(org.MassClient, "Fees", Severity.Normal, "branch", "fee charged twice", null), TestOrg.System);

        Assert.Equal("standard", opened.PolicyId);
        var row = fixture.ReadModel.Complaints[id];
        Assert.Equal(org.Branch, row.BranchId);
        Assert.Equal(org.Advisor, row.Assignee);
        Assert.Equal(ComplaintStatus.Open, row.Status);
        Assert.Contains(id, (await Grains.GetGrain<WealthActors.Clients.IClientGrain>(org.MassClient).GetView()).OpenComplaints);
    }

    [Fact]
    public async Task ResolveAndReopen_ClientView_ListsTheComplaintOnlyWhileOpen()
    {
        var org = await TestOrg.Create(Grains);
        var id = NewId();
        await org.OpenVipComplaint(Grains, id);
        var complaint = Grains.GetGrain<IComplaintGrain>(id);
        var client = Grains.GetGrain<WealthActors.Clients.IClientGrain>(org.VipClient);
        var advisor = Actor.Employee(org.Advisor, "tests");

        Assert.Equal([id], (await client.GetView()).OpenComplaints);
        await complaint.Resolve(advisor, "explained the fee");
        Assert.Empty((await client.GetView()).OpenComplaints);
        await complaint.Reopen(advisor, "client disagrees");
        Assert.Equal([id], (await client.GetView()).OpenComplaints);
    }

    private static async Task<Func<Task>> Prepare(Task first, Func<Task> then)
    {
        await first;
        return then;
    }

    private static string NewId() => $"CMP-{Guid.NewGuid():N}"[..24];
}
