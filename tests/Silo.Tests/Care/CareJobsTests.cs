using System.Net;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Care;

/// <summary>
/// Each care rule end to end: the real Silo on a fake business clock, clients seeded over HTTP, the job run by hand
/// over HTTP, and the tasks read back from the inboxes. Each test has its own Silo, since its clock only moves forward.
/// Advancing the clock past a fire time also lets the scheduler run the job by itself, so after an advance the tests
/// assert the inboxes (which a hand run completes) rather than which run delivered.
/// </summary>
public sealed class CareJobsTests
{
    /// <summary>09:00 in Shanghai.</summary>
    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BirthdayTask_ForAnAdvisorWhoReadsEnglish_IsInEnglish()
    {
        var clock = new FakeTimeProvider(At(2026, 12, 27));
        await using var api = ApiFactory.WithClock(clock);
        var seed = await CareSeed.Create(api, prefix: "EN");
        await (await api.As("Admin").PutJson($"/api/employees/{seed.Advisor}", new
        {
            name = "Chen", role = "Advisor", branchId = seed.Branch, managerId = seed.TeamLead, language = "en",
        })).Json(HttpStatusCode.OK);
        await seed.Client("EN1", birthday: "1970-01-02");
        await seed.Holding("EN1", "WM-1", 7_000_000m);

        await seed.Run("care-birthday");

        var task = Assert.Single(await seed.Inbox(seed.Advisor));
        Assert.Equal("Birthday on 2027-01-02 (in 6 days): Client EN1 (EN1) turns 57. tier HighNetWorth, VIP, AUM 7000000, 1 holding(s), "
            + "last interaction never, 0 open complaint(s).", task.Str("text"));
    }

    [Fact]
    public async Task BirthdayJob_WindowAcrossNewYear_OneTaskPerBirthdayAndNoneAgainUntilNextYear()
    {
        var clock = new FakeTimeProvider(At(2026, 12, 27));
        await using var api = ApiFactory.WithClock(clock);
        var seed = await CareSeed.Create(api);
        await seed.Client("BD1", birthday: "1970-01-02");
        await seed.Holding("BD1", "WM-1", 7_000_000m);
        await seed.Holding("BD1", "WM-2", 500_000m, "2027-06-30");
        await seed.Client("BD2", birthday: "1972-12-27");
        await seed.Holding("BD2", "WM-1", 60_000_000m);
        await seed.Client("BD3", birthday: "1975-12-30");
        await seed.Holding("BD3", "WM-1", 100_000m);
        await seed.Client("BD4", birthday: "1980-01-10");
        await seed.Holding("BD4", "WM-1", 8_000_000m);

        var first = await seed.Run("care-birthday");

        Assert.Equal("care-birthday", first.Str("job"));
        Assert.Equal(2, first["created"]!.GetValue<int>());
        Assert.Equal(["care-birthday:BD1:2027-01-02", "care-birthday:BD2:2026-12-27"], await seed.Keys(seed.Advisor));
        var task = (await seed.Inbox(seed.Advisor)).Single(m => m.Str("key") == "care-birthday:BD1:2027-01-02");
        Assert.Equal("Task", task.Str("kind"));
        Assert.Equal("BD1", task.Str("clientId"));
        // Chinese, the advisor's record asking for no other language.
        Assert.Equal("【生日关怀】Client BD1（BD1）2027-01-02（6 天后）57 岁生日。高净值客户·VIP，资产 7500000，持有 2 个产品，最近联系 无，在途投诉 0 件。",
            task.Str("text"));
        Assert.Empty(await seed.Keys(seed.TeamLead));

        var again = await seed.Run("care-birthday");
        Assert.Equal(0, again["scanned"]!.GetValue<int>());
        Assert.Equal(0, again["created"]!.GetValue<int>());

        clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await seed.Run("care-birthday");
        Assert.Equal(0, nextDay["created"]!.GetValue<int>());
        Assert.Equal(2, (await seed.Keys(seed.Advisor)).Length);

        // A year on (2027-12-27): the next birthdays are new occurrences (and the other rules have had a year to run).
        clock.Advance(TimeSpan.FromDays(364));
        await seed.Run("care-birthday");
        Assert.Equal(
            ["care-birthday:BD1:2027-01-02", "care-birthday:BD1:2028-01-02", "care-birthday:BD2:2026-12-27", "care-birthday:BD2:2027-12-27"],
            await seed.Keys(seed.Advisor, "care-birthday"));
    }

    [Fact]
    public async Task MaturityJob_Stages_SendsEachStageOnceAndOnlyTheCurrentOne()
    {
        var clock = new FakeTimeProvider(At(2026, 6, 1));
        await using var api = ApiFactory.WithClock(clock);
        var seed = await CareSeed.Create(api);
        await seed.Client("MT1");
        await seed.Holding("MT1", "P30", 1_000_000m, "2026-07-01");
        await seed.Holding("MT1", "P04", 2_000_000m, "2026-06-05");
        await seed.Holding("MT1", "P99", 3_000_000m, "2026-09-01");

        var first = await seed.Run("care-maturity");

        Assert.Equal(2, first["created"]!.GetValue<int>());
        Assert.Equal(["care-maturity:MT1:P04:2026-06-05:7", "care-maturity:MT1:P30:2026-07-01:30"], await seed.Keys(seed.Advisor, "care-maturity"));
        Assert.Equal(0, (await seed.Run("care-maturity"))["created"]!.GetValue<int>());

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await seed.Run("care-maturity"))["created"]!.GetValue<int>());

        clock.Advance(TimeSpan.FromDays(14));
        await seed.Run("care-maturity");
        Assert.Equal(
            ["care-maturity:MT1:P04:2026-06-05:7", "care-maturity:MT1:P30:2026-07-01:15", "care-maturity:MT1:P30:2026-07-01:30"],
            // The client's onboarding tasks, overdue by now, remind the advisor too.
            await seed.Keys(seed.Advisor, "care-maturity"));
    }

    [Fact]
    public async Task DormancyJob_NoContactFor30Days_WarnsAdvisorAndForVipTheTeamLead_UntilANewContactGoesQuiet()
    {
        var start = At(2026, 3, 2);
        var clock = new FakeTimeProvider(start);
        await using var api = ApiFactory.WithClock(clock);
        var seed = await CareSeed.Create(api);
        await seed.Client("DM1", vip: true);
        await seed.Client("DM2");
        await seed.Interaction("DM2", start);

        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, (await seed.Run("care-dormancy"))["created"]!.GetValue<int>());

        clock.Advance(TimeSpan.FromDays(2));
        await seed.Run("care-dormancy");

        Assert.Equal(["care-dormancy:DM1:2026-03-02", "care-dormancy:DM2:2026-03-02"], await seed.Keys(seed.Advisor, "care-dormancy"));
        Assert.Equal(["care-dormancy:DM1:2026-03-02"], await seed.Keys(seed.TeamLead, "care-dormancy"));
        // The head does get the daily SLA digest, which the scheduler sends as the clock passes 09:00; no churn warnings.
        Assert.Empty(await seed.Keys(seed.BranchHead, "care-dormancy"));
        Assert.Equal(0, (await seed.Run("care-dormancy"))["created"]!.GetValue<int>());
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await seed.Run("care-dormancy"))["created"]!.GetValue<int>());

        // DM2 is called: a new clock that runs out 30 days later. (The inbox also holds the care tasks' own reminders
        // by now, which the task tests cover; here only the rule's messages count.)
        var call = clock.GetUtcNow();
        await seed.Interaction("DM2", call);
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, (await seed.Run("care-dormancy"))["created"]!.GetValue<int>());
        clock.Advance(TimeSpan.FromDays(2));
        await seed.Run("care-dormancy");
        Assert.Equal(
            ["care-dormancy:DM1:2026-03-02", "care-dormancy:DM2:2026-03-02", "care-dormancy:DM2:2026-04-03"],
            await seed.Keys(seed.Advisor, "care-dormancy"));
        Assert.Equal(["care-dormancy:DM1:2026-03-02"], await seed.Keys(seed.TeamLead, "care-dormancy"));
    }

    [Fact]
    public async Task RiskExpiryJob_ExpiringWithin30Days_OneTaskPerExpiry()
    {
        var clock = new FakeTimeProvider(At(2026, 6, 1));
        await using var api = ApiFactory.WithClock(clock);
        var seed = await CareSeed.Create(api);
        // Assessments stay valid 365 days.
        await seed.Client("RX1", riskAssessedOn: "2025-06-20");
        await seed.Client("RX2", riskAssessedOn: "2025-09-01");

        var first = await seed.Run("care-risk-expiry");

        Assert.Equal(1, first["created"]!.GetValue<int>());
        Assert.Equal(["care-risk-expiry:RX1:2026-06-20"], await seed.Keys(seed.Advisor));
        Assert.Contains("风险测评将于 2026-06-20 到期", (await seed.Inbox(seed.Advisor))[0].Str("text"), StringComparison.Ordinal);
        Assert.Equal(0, (await seed.Run("care-risk-expiry"))["created"]!.GetValue<int>());
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await seed.Run("care-risk-expiry"))["created"]!.GetValue<int>());

        // A re-assessment moves the expiry: a new occurrence once it comes within 30 days.
        await seed.Client("RX1", riskAssessedOn: "2025-06-25");
        await seed.Run("care-risk-expiry");
        Assert.Equal(["care-risk-expiry:RX1:2026-06-20", "care-risk-expiry:RX1:2026-06-25"], await seed.Keys(seed.Advisor));
    }
}
