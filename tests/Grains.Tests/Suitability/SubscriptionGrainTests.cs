using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Grains.Suitability;
using WealthActors.Grains.Tests.Infrastructure;
using WealthActors.Suitability;
using WealthActors.Tasks;

namespace WealthActors.Grains.Tests.Suitability;

[Collection(ClusterCollection.Name)]
public sealed class SubscriptionGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private DateOnly Today => SuitabilityRule.Today(fixture.Clock.GetUtcNow());

    private async Task<Product> Shelve(TestOrg org, string suffix, ProductRisk risk, ProductType type = ProductType.TrustPlan, int coolingOffHours = 0) =>
        await Grains.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.DefaultKey).Put(
            new Product($"{org.Prefix}-{suffix}", $"产品 {suffix}", type, risk, 1_000_000m, 12, "Issuer", null, null, false, coolingOffHours, ProductStatus.OnSale),
            TestOrg.System);

    private Task Assess(string clientId, RiskLevel level, DateOnly assessedOn) =>
        Grains.GetGrain<IClientGrain>(clientId).RecordRiskAssessment(new RiskAssessment(level, assessedOn, false, null, null, null, "tests"), TestOrg.System);

    private Task<SubscriptionView> Subscribe(TestOrg org, string productCode, decimal amount = 1_000_000m) =>
        Grains.GetGrain<ISubscriptionGrain>($"{org.Prefix}-S-{Guid.NewGuid():N}").Create(
            new SubscriptionRequest(org.MassClient, productCode, amount), Actor.Employee(org.Advisor, "tests"));

    private async Task<IReadOnlyList<InboxMessage>> Inbox(string employeeId) => await Grains.GetGrain<IEmployeeGrain>(employeeId).GetInbox(50);

    [Fact]
    public async Task Create_SuitableWithoutCoolingOff_IsEffectiveAtOnce()
    {
        var org = await TestOrg.Create(Grains);
        var product = await Shelve(org, "P1", ProductRisk.R2);
        await Assess(org.MassClient, RiskLevel.C3, Today);

        var view = await Subscribe(org, product.Code);

        Assert.Equal(SuitabilityDecision.Suitable, view.Decision);
        Assert.Equal(SubscriptionStatus.Effective, view.Status);
        Assert.Empty(view.Reasons);
    }

    [Fact]
    public async Task Create_ExpiredAssessment_IsBlockedAndRegistered()
    {
        var org = await TestOrg.Create(Grains);
        var product = await Shelve(org, "P1", ProductRisk.R1);
        await Assess(org.MassClient, RiskLevel.C5, Today.AddDays(-400));

        var view = await Subscribe(org, product.Code);

        Assert.Equal(SuitabilityDecision.Blocked, view.Decision);
        Assert.Equal(SubscriptionStatus.Blocked, view.Status);
        Assert.Equal([SuitabilityReason.AssessmentExpired], view.Reasons);
        await Assert.ThrowsAsync<InvalidTransitionException>(() =>
            Grains.GetGrain<ISubscriptionGrain>(view.SubscriptionId).RequestOverride(new OverrideRequest("EV1", "EV2", "insists"), TestOrg.System));
    }

    [Fact]
    public async Task Create_SameIdTwice_IsRefused()
    {
        var org = await TestOrg.Create(Grains);
        var product = await Shelve(org, "P1", ProductRisk.R1);
        await Assess(org.MassClient, RiskLevel.C1, Today);
        var id = $"{org.Prefix}-S-dup";
        await Grains.GetGrain<ISubscriptionGrain>(id).Create(new SubscriptionRequest(org.MassClient, product.Code, 1_000_000m), TestOrg.System);

        await Assert.ThrowsAsync<EntityExistsException>(() =>
            Grains.GetGrain<ISubscriptionGrain>(id).Create(new SubscriptionRequest(org.MassClient, product.Code, 1_000_000m), TestOrg.System));
    }

    [Fact]
    public async Task Override_CompliancesSitsOnIt_EscalatesToTheBranchHeadThenApprovalConfirms()
    {
        var org = await TestOrg.Create(Grains);
        var product = await Shelve(org, "P5", ProductRisk.R5);
        await Assess(org.MassClient, RiskLevel.C2, Today);

        var created = await Subscribe(org, product.Code);
        Assert.Equal(SuitabilityDecision.NeedsOverride, created.Decision);
        Assert.Equal(SubscriptionStatus.AwaitingOverride, created.Status);
        Assert.Equal([SuitabilityReason.RiskExceeded], created.Reasons);

        var grain = Grains.GetGrain<ISubscriptionGrain>(created.SubscriptionId);
        var pending = await grain.RequestOverride(new OverrideRequest("EV-W", "EV-R", "客户坚持 client insists"), Actor.Employee(org.Advisor, "tests"));
        Assert.Equal(SubscriptionStatus.PendingApproval, pending.Status);
        Assert.Equal(["EV-W", "EV-R"], pending.Evidence);
        Assert.Equal(DefaultApprovalPolicy.Id, pending.ApprovalPolicyId);

        // With no compliance officer configured, the branch head is asked to approve.
        Assert.Contains(await Inbox(org.BranchHead), m => m.Key == $"{created.SubscriptionId}:approval" && m.Kind == InboxKind.Task);

        await fixture.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await grain.GetView()).EscalationLevel);
        await fixture.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => grain.GetView(), v => v.EscalationLevel == 1, "the approval's first escalation");
        var escalation = await Eventually.Until(
            () => Inbox(org.BranchHead), inbox => inbox.Any(m => m.Key == $"{created.SubscriptionId}:approval:1:1"), "the escalation message");
        Assert.Equal(InboxKind.Escalation, escalation.First(m => m.Key == $"{created.SubscriptionId}:approval:1:1").Kind);

        var approved = await grain.DecideOverride(true, "签字及双录齐全", Actor.Employee("CO-1", "tests"));
        Assert.Equal(SubscriptionStatus.Effective, approved.Status);
        Assert.Equal("CO-1", approved.DecidedBy);
        Assert.Contains(await Inbox(org.Advisor), m => m.Key == $"{created.SubscriptionId}:decided");

        // Decided: the ladder stops. Its reminder is gone, so no tick can come however far the clock moves.
        Assert.Empty(await fixture.RemindersOf(grain));
        await fixture.Advance(TimeSpan.FromHours(24));
        Assert.Equal(1, (await grain.GetView()).EscalationLevel);
        Assert.DoesNotContain(await Inbox(org.RegionalHead), m => m.Key.StartsWith($"{created.SubscriptionId}:approval:", StringComparison.Ordinal));
        await Assert.ThrowsAsync<InvalidTransitionException>(() => grain.DecideOverride(false, "again", Actor.Employee("CO-1", "tests")));
    }

    [Fact]
    public async Task Override_Rejected_IsRejectedAndNeverEffective()
    {
        var org = await TestOrg.Create(Grains);
        var product = await Shelve(org, "P4", ProductRisk.R4, ProductType.PrivateFund, coolingOffHours: 24);
        await Assess(org.MassClient, RiskLevel.C1, Today);
        var created = await Subscribe(org, product.Code);
        var grain = Grains.GetGrain<ISubscriptionGrain>(created.SubscriptionId);
        await grain.RequestOverride(new OverrideRequest("EV-W", "EV-R", null), TestOrg.System);

        var rejected = await grain.DecideOverride(false, "双录不完整 recording incomplete", Actor.Employee("CO-1", "tests"));

        Assert.Equal(SubscriptionStatus.Rejected, rejected.Status);
        Assert.Null(rejected.CoolingOffEndsAt);
    }

    [Fact]
    public async Task CoolingOff_EndsAfter24Hours_ThenEffectiveWithAReturnVisitTask()
    {
        var org = await TestOrg.Create(Grains);
        var product = await Shelve(org, "PF", ProductRisk.R3, ProductType.PrivateFund, coolingOffHours: 24);
        await Assess(org.MassClient, RiskLevel.C4, Today);

        var created = await Subscribe(org, product.Code);
        Assert.Equal(SubscriptionStatus.CoolingOff, created.Status);
        Assert.Equal(created.CreatedAt.AddHours(24), created.CoolingOffEndsAt);
        var grain = Grains.GetGrain<ISubscriptionGrain>(created.SubscriptionId);

        var taskId = TaskIds.ForOccurrence($"{created.SubscriptionId}:return-visit");
        await fixture.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        await fixture.Reminders.WhenSettled();
        Assert.Equal(SubscriptionStatus.CoolingOff, (await grain.GetView()).Status);
        Assert.DoesNotContain(await Inbox(org.Advisor), m => m.TaskId == taskId);

        await fixture.Advance(TimeSpan.FromSeconds(1));
        var effective = await Eventually.Until(() => grain.GetView(), v => v.Status == SubscriptionStatus.Effective, "the end of the cooling-off period");
        Assert.Equal(created.CoolingOffEndsAt, effective.EffectiveAt);

        // The return visit is a work item: the advisor's, due three days after the subscription took effect, to be done.
        var inbox = await Eventually.Until(() => Inbox(org.Advisor), i => i.Any(m => m.TaskId == taskId), "the return-visit task's announcement");
        Assert.Equal(InboxKind.Task, inbox.Single(m => m.TaskId == taskId).Kind);
        var task = await Grains.GetGrain<ITaskGrain>(taskId).GetView();
        Assert.Equal((TaskKinds.ReturnVisit, org.Advisor, org.MassClient, WorkItemStatus.Open), (task.Kind, task.Owner, task.ClientId, task.Status));
        Assert.Equal(effective.EffectiveAt!.Value.AddDays(3), task.Due);
        Assert.Contains(created.SubscriptionId, task.Timeline[0].Text);

        // Overdue, it reminds the advisor like any task; done with an outcome, it is closed.
        await fixture.Advance(TimeSpan.FromDays(3));
        await Eventually.Until(() => Grains.GetGrain<ITaskGrain>(taskId).GetView(), t => t.Overdue, "the overdue return visit");
        var done = await Grains.GetGrain<ITaskGrain>(taskId).Complete(Actor.Employee(org.Advisor, "tests"), "客户确认购买意愿 confirmed by phone");
        Assert.Equal(WorkItemStatus.Done, done.Status);
    }

    [Fact]
    public async Task Holding_AboveTheClientsLevel_WarnsAdvisorAndComplianceOncePerHolding()
    {
        var org = await TestOrg.Create(Grains);
        await Assess(org.MassClient, RiskLevel.C2, Today);
        var client = Grains.GetGrain<IClientGrain>(org.MassClient);

        await client.AddHolding(new Holding("H-R5", "私募股权 Private equity", ProductRisk.R5, 2_000_000m, null), TestOrg.System);
        await client.AddHolding(new Holding("H-R5", "私募股权 Private equity", ProductRisk.R5, 2_500_000m, null), TestOrg.System);
        await client.AddHolding(new Holding("H-R2", "稳健理财 Conservative", ProductRisk.R2, 500_000m, null), TestOrg.System);

        var key = $"suitability-holding:{org.MassClient}:H-R5";
        Assert.Single(await Inbox(org.Advisor), m => m.Key == key);
        Assert.Single(await Inbox(org.BranchHead), m => m.Key == key);
        Assert.DoesNotContain(await Inbox(org.Advisor), m => m.Key.EndsWith(":H-R2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Assessment_OlderThanTheOneOnFile_IsRefused()
    {
        var org = await TestOrg.Create(Grains);
        await Assess(org.MassClient, RiskLevel.C3, Today);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => Assess(org.MassClient, RiskLevel.C5, Today.AddDays(-1)));
        var view = await Grains.GetGrain<IClientGrain>(org.MassClient).GetView();
        Assert.Equal(RiskLevel.C3, view.Profile.RiskLevel);
        Assert.Equal(Today.AddDays(365), view.RiskExpiresOn);
    }
}
