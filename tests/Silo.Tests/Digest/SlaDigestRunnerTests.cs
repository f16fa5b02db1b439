using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Digest;
using WealthActors.Silo.Jobs;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Digest;

/// <summary>
/// A silo of its own: the runner visits every branch of its database, which no other test should share. Its own
/// quarter-hourly job may also run on real time, so the tests use dates years ahead and look only at digests of those dates.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DigestCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "digest";
}

[Collection(DigestCollection.Name)]
public sealed class SlaDigestRunnerTests(ApiFactory api)
{
    private static readonly TimeOnly NineOClock = new(9, 0);

    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private SlaDigestRunner Runner => api.Services.GetRequiredService<SlaDigestRunner>();

    private IReadModelWriter ReadModel => api.Services.GetRequiredService<IReadModelWriter>();

    [Fact]
    public async Task RunAsync_BranchWithOnTrackAtRiskAndBreached_HeadGetsOneDigestWithCountsAndOverdueOrder()
    {
        var (branch, head) = await Branch(calendarId: null);
        var now = new DateTimeOffset(2030, 3, 10, 9, 5, 0, Shanghai);
        await Complaint(branch, "K-ON", SlaState.OnTrack, null, now);
        await Complaint(branch, "K-ON2", SlaState.OnTrack, null, now);
        await Complaint(branch, "K-RISK", SlaState.AtRisk, null, now);
        await Complaint(branch, "K-LATE", SlaState.Breached, now.AddDays(-2).AddHours(-3), now);
        await Complaint(branch, "K-LATER", SlaState.Breached, now.AddHours(-2), now);

        var result = await Runner.RunAsync(now, NineOClock, CancellationToken.None);

        Assert.Equal("sla-digest", result.Job);
        Assert.True(result.Scanned >= 1);
        var digest = Assert.Single(Digests(await Inbox(head), "2030-03-10"));
        Assert.Equal($"sla-digest:{branch}:2030-03-10", digest.Key);
        Assert.Contains("正常 2，临近 1，超时 2，暂停 0", digest.Text, StringComparison.Ordinal);
        Assert.Contains("过去24小时：超时 1", digest.Text, StringComparison.Ordinal);
        var late = digest.Text.IndexOf("- K-LATE ", StringComparison.Ordinal);
        var later = digest.Text.IndexOf("- K-LATER ", StringComparison.Ordinal);
        Assert.InRange(late, 0, later - 1);
        Assert.Contains($"- K-LATE 客户 {branch}-C，负责人 {branch}-A，超时 2d 3h", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TwiceOnTheSameLocalDay_DeliversOnce()
    {
        var (branch, head) = await Branch(calendarId: null);
        var now = new DateTimeOffset(2030, 3, 11, 9, 0, 0, Shanghai);

        await Runner.RunAsync(now, NineOClock, CancellationToken.None);
        await Runner.RunAsync(now.AddMinutes(15), NineOClock, CancellationToken.None);
        await Runner.RunAsync(now.AddHours(14), NineOClock, CancellationToken.None);

        Assert.Equal($"sla-digest:{branch}:2030-03-11", Assert.Single(Digests(await Inbox(head), "2030-03-11")).Key);
        Assert.Equal(new DateOnly(2030, 3, 11), await api.Services.GetRequiredService<IGrainFactory>().GetGrain<Branches.IBranchGrain>(branch).GetLastDigestDate());

        // The next local day brings the next digest.
        await Runner.RunAsync(now.AddDays(1), NineOClock, CancellationToken.None);
        Assert.Single(Digests(await Inbox(head), "2030-03-11"));
        Assert.Single(Digests(await Inbox(head), "2030-03-12"));
    }

    [Fact]
    public async Task RunAsync_BeforeNineLocal_DeliversNothing()
    {
        var (_, head) = await Branch(calendarId: null);

        await Runner.RunAsync(new DateTimeOffset(2030, 3, 12, 8, 59, 59, Shanghai), NineOClock, CancellationToken.None);

        Assert.Empty(Digests(await Inbox(head), "2030-03-12"));
    }

    [Fact]
    public async Task RunAsync_BranchInAnotherZone_GetsItAtItsOwnNine()
    {
        var calendarId = $"uk-{Guid.NewGuid():N}"[..12];
        await (await api.As("Admin").PutJson($"/api/calendars/{calendarId}", new { name = "London", timeZone = "Europe/London", holidays = Array.Empty<object>() }))
            .Json(HttpStatusCode.OK);
        var (_, londonHead) = await Branch(calendarId);
        var (_, shanghaiHead) = await Branch(calendarId: null);

        // 09:15 in Shanghai is 01:15 in London (GMT in March).
        var shanghaiNine = new DateTimeOffset(2030, 3, 13, 9, 15, 0, Shanghai);
        await Runner.RunAsync(shanghaiNine, NineOClock, CancellationToken.None);
        Assert.Single(Digests(await Inbox(shanghaiHead), "2030-03-13"));
        Assert.Empty(Digests(await Inbox(londonHead), "2030-03-13"));

        var londonNine = new DateTimeOffset(2030, 3, 13, 9, 0, 0, TimeSpan.Zero);
        await Runner.RunAsync(londonNine.AddMinutes(-15), NineOClock, CancellationToken.None);
        Assert.Empty(Digests(await Inbox(londonHead), "2030-03-13"));
        await Runner.RunAsync(londonNine, NineOClock, CancellationToken.None);
        Assert.Single(Digests(await Inbox(londonHead), "2030-03-13"));
    }

    [Fact]
    public void Registration_SlaDigest_RunsEveryQuarterHour()
    {
        var registration = api.Services.GetServices<JobRegistration>().Single(r => r.Name == "sla-digest");

        Assert.Equal(typeof(RunnerJob), registration.JobType);
        Assert.Contains(api.Services.GetServices<IWealthActorsJobRunner>(), r => r is SlaDigestJobRunner);
        Assert.Equal("0 0/15 * * * ?", registration.CronExpression);
    }

    private async Task<(string Branch, string Head)> Branch(string? calendarId)
    {
        var branch = $"DB{Guid.NewGuid():N}"[..12];
        var head = $"{branch}-H";
        var admin = api.As("Admin");
        await (await admin.PutJson($"/api/branches/{branch}", new { name = "Digest branch", headEmployeeId = head, calendarId })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{head}", new { name = "Head", role = "BranchHead", branchId = branch })).Json(HttpStatusCode.OK);
        return (branch, head);
    }

    private Task Complaint(string branch, string id, SlaState state, DateTimeOffset? breachedAt, DateTimeOffset now) =>
        ReadModel.UpsertComplaint(new ComplaintRow(
            $"{id}", $"{branch}-C", branch, $"{branch}-A", ComplaintStatus.Open, state, Severity.Normal, "fees", 0,
            now.AddDays(-4), null, null, now, "cn-mainland", breachedAt, null));

    private Task<IReadOnlyList<InboxMessage>> Inbox(string employeeId) =>
        api.Services.GetRequiredService<IGrainFactory>().GetGrain<IEmployeeGrain>(employeeId).GetInbox(100);

    private static InboxMessage[] Digests(IEnumerable<InboxMessage> inbox, string localDate) =>
        inbox.Where(m => m.Kind == InboxKind.Digest && m.Key.EndsWith(":" + localDate, StringComparison.Ordinal)).ToArray();
}
