using WealthActors.Care;
using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Care;
using WealthActors.Grains.Sla;
using WealthActors.Grains.Tests.Infrastructure;
using WealthActors.Tasks;

namespace WealthActors.Grains.Tests.Clients;

[Collection(ClusterCollection.Name)]
public sealed class ClientOnboardingTests(ClusterFixture fixture)
{
    private static readonly BusinessCalendar MainlandChina = BusinessCalendarRules.Build(ShippedCalendars.MainlandChina);
    private static readonly string[] DefaultSteps = ["welcome-call", "risk-assessment", "first-review"];

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task FirstHolding_MakesThePlan_OnTheCalendar_AndNothingMakesItTwice()
    {
        var org = await TestOrg.Create(Grains);
        var client = Grains.GetGrain<IClientGrain>(org.MassClient);
        var start = fixture.Clock.GetUtcNow();

        await client.AddHolding(Holding("TR-1"), TestOrg.System);

        var tasks = await PlanOf(org.MassClient);
        Assert.All(tasks, t =>
        {
            Assert.Equal(org.Advisor, t.Owner);
            Assert.Equal(TaskKinds.Onboarding, t.Kind);
            Assert.Equal(WorkItemStatus.Open, t.Status);
        });
        Assert.Equal(NthWorkingDay(start, 1), tasks[0].Due);
        Assert.Equal(NthWorkingDay(start, 5), tasks[1].Due);
        Assert.Equal(start.AddDays(30), tasks[2].Due);
        Assert.Equal("欢迎致电新客户", tasks[0].Title);
        Assert.Equal(3, OnboardingRows(org.MassClient).Length);
        Assert.Empty(await Announcements(org.Advisor, tasks));

        // A second holding, the first reported again, and the client woken afresh make nothing new.
        await client.AddHolding(Holding("TR-2"), TestOrg.System);
        await client.AddHolding(Holding("TR-1"), TestOrg.System);
        await fixture.Cluster.DeactivateAsync(client);
        await client.GetView();
        await client.AddHolding(Holding("TR-3"), TestOrg.System);

        Assert.Equal(3, OnboardingRows(org.MassClient).Length);
        Assert.All(await PlanOf(org.MassClient), t => Assert.Single(t.Timeline, e => e.Kind == "Created"));
    }

    [Fact]
    public async Task PlanCutShortBeforeACrash_IsCompleted_WithoutDoublingWhatWasCreated()
    {
        var org = await TestOrg.Create(Grains);
        // The welcome call exists already, as if a plan made before a crash had created it and no more.
        var welcomeId = OnboardingPlan.TaskIdOf(org.VipClient, "welcome-call");
        var due = fixture.Clock.GetUtcNow() + TimeSpan.FromDays(2);
        await Grains.GetGrain<ITaskGrain>(welcomeId).Create(
            new CreateTask(org.VipClient, "欢迎致电新客户", due, org.Advisor, TaskKinds.Onboarding), TestOrg.System);

        await Grains.GetGrain<IClientGrain>(org.VipClient).AddHolding(Holding("TR-9"), TestOrg.System);

        var tasks = await PlanOf(org.VipClient);
        Assert.Equal(due, tasks[0].Due);
        Assert.Single(tasks[0].Timeline, e => e.Kind == "Created");
        Assert.Equal(3, OnboardingRows(org.VipClient).Length);
        Assert.Single(await Inbox(org.Advisor), m => m.Key == $"{welcomeId}:created");
        Assert.Empty(await Announcements(org.Advisor, tasks.Skip(1)));
    }

    [Fact]
    public async Task TheTemplateIsData_ItsStepsMakeThePlan_AndSwitchedOffNoneIsMade()
    {
        var rules = Grains.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey);
        var before = await rules.Get();
        try
        {
            var custom = new OnboardingTemplate(true, "cn-mainland", [new OnboardingStep("kyc-pack", "寄送开户资料", null, 2, DayCounting.CalendarDays)]);
            await rules.Put(before with { Onboarding = custom }, TestOrg.System);
            var org = await TestOrg.Create(Grains);
            await Grains.GetGrain<IClientGrain>(org.MassClient).AddHolding(Holding("TR-1"), TestOrg.System);

            var only = await Grains.GetGrain<ITaskGrain>(OnboardingPlan.TaskIdOf(org.MassClient, "kyc-pack")).GetView();
            Assert.Equal(fixture.Clock.GetUtcNow().AddDays(2), only.Due);
            Assert.Single(OnboardingRows(org.MassClient));

            await rules.Put(before with { Onboarding = custom with { Enabled = false } }, TestOrg.System);
            await Grains.GetGrain<IClientGrain>(org.VipClient).AddHolding(Holding("TR-1"), TestOrg.System);
            Assert.Empty(OnboardingRows(org.VipClient));
            await Assert.ThrowsAsync<EntityNotFoundException>(() =>
                Grains.GetGrain<ITaskGrain>(OnboardingPlan.TaskIdOf(org.VipClient, "kyc-pack")).GetView());
        }
        finally
        {
            await rules.Put(before, TestOrg.System);
        }
    }

    private async Task<TaskView[]> PlanOf(string clientId) =>
        await Task.WhenAll(DefaultSteps.Select(step => Grains.GetGrain<ITaskGrain>(OnboardingPlan.TaskIdOf(clientId, step)).GetView()));

    private WealthActors.Tasks.TaskRow[] OnboardingRows(string clientId) =>
        fixture.ReadModel.Tasks.Values.Where(t => t.ClientId == clientId && t.Kind == TaskKinds.Onboarding).ToArray();

    private async Task<InboxMessage[]> Announcements(string advisor, IEnumerable<TaskView> tasks)
    {
        var keys = tasks.Select(t => $"{t.TaskId}:created").ToHashSet();
        return (await Inbox(advisor)).Where(m => keys.Contains(m.Key)).ToArray();
    }

    private Task<IReadOnlyList<InboxMessage>> Inbox(string employeeId) => Grains.GetGrain<IEmployeeGrain>(employeeId).GetInbox(100);

    /// <summary>The same local time on the n-th working day after the start's day in Shanghai, walked day by day.</summary>
    private static DateTimeOffset NthWorkingDay(DateTimeOffset start, int n)
    {
        var local = TimeZoneInfo.ConvertTime(start, MainlandChina.TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        while (n > 0)
        {
            day = day.AddDays(1);
            n -= MainlandChina.IsWorkingDay(day) ? 1 : 0;
        }

        return new DateTimeOffset(day.ToDateTime(TimeOnly.FromDateTime(local.DateTime)), local.Offset);
    }

    private static Holding Holding(string code) => new(code, "信托计划 " + code, ProductRisk.R2, 2_000_000m, null);
}
