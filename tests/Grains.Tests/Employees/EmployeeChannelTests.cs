using WealthActors.Employees;
using WealthActors.Grains.Employees;
using WealthActors.Grains.Tests.Infrastructure;

namespace WealthActors.Grains.Tests.Employees;

[Collection(ClusterCollection.Name)]
public sealed class EmployeeChannelTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static EmployeeProfile Profile(string? weCom, string? teams = null) =>
        new("陈", EmployeeRole.Advisor, "B1", null, weCom, teams);

    private Task<string?> Mapped(string channel, string userId) =>
        Grains.GetGrain<IChannelIdentityGrain>(ChannelIdentity.Key(channel, userId)).GetEmployeeId();

    private static InboxMessage Message(string key, InboxKind kind = InboxKind.Escalation) =>
        new(key, kind, key, "CMP-1", "C1", "text", DateTimeOffset.UnixEpoch, ["inbox"]);

    [Fact]
    public async Task Upsert_WithChannelUsers_IndexesThemCaseInsensitivelyForWeCom()
    {
        var id = NewId("E");
        var weCom = NewId("ZhangSan");
        var teams = NewId("29:Teams");

        await Grains.GetGrain<IEmployeeGrain>(id).Upsert(Profile(weCom, teams), TestOrg.System);

        Assert.Equal(id, await Mapped(ChannelIdentity.WeCom, weCom.ToLowerInvariant()));
        Assert.Equal(id, await Mapped(ChannelIdentity.WeCom, weCom.ToUpperInvariant()));
        Assert.Equal(id, await Mapped(ChannelIdentity.Teams, teams));
        Assert.Null(await Mapped(ChannelIdentity.Teams, teams.ToUpperInvariant()));
    }

    [Fact]
    public async Task Upsert_ChangedWeComUser_MovesTheMapping()
    {
        var id = NewId("E");
        var (before, after) = (NewId("old"), NewId("new"));
        var employee = Grains.GetGrain<IEmployeeGrain>(id);

        await employee.Upsert(Profile(before), TestOrg.System);
        await employee.Upsert(Profile(after), TestOrg.System);

        Assert.Null(await Mapped(ChannelIdentity.WeCom, before));
        Assert.Equal(id, await Mapped(ChannelIdentity.WeCom, after));
    }

    [Fact]
    public async Task Upsert_UserClaimedByAnother_IsNotUnboundByTheFormerOwner()
    {
        var (first, second) = (NewId("E"), NewId("E"));
        var user = NewId("shared");

        await Grains.GetGrain<IEmployeeGrain>(first).Upsert(Profile(user), TestOrg.System);
        await Grains.GetGrain<IEmployeeGrain>(second).Upsert(Profile(user), TestOrg.System);
        await Grains.GetGrain<IEmployeeGrain>(first).Upsert(Profile(null), TestOrg.System);

        Assert.Equal(second, await Mapped(ChannelIdentity.WeCom, user));
    }

    [Fact]
    public async Task Deliver_NewMessage_PushesOnceWithTheProfileDespiteAFailingChannel()
    {
        var id = NewId("E");
        var weCom = NewId("wecom");
        var employee = Grains.GetGrain<IEmployeeGrain>(id);
        await employee.Upsert(Profile(weCom), TestOrg.System);

        Assert.True(await employee.Deliver(Message("k1")));
        Assert.False(await employee.Deliver(Message("k1")));

        var push = Assert.Single(fixture.Pushes.For(id));
        Assert.Equal(InboxPushReason.Delivered, push.Reason);
        Assert.Equal(weCom, push.Profile!.WeComUserId);
        Assert.Equal("k1", push.Message.Key);
        Assert.Single(await employee.GetInbox(10));
    }

    [Fact]
    public async Task Deliver_NewMessage_IsStampedWhenTheInboxTookItAndARepeatKeepsTheStamp()
    {
        var id = NewId("E");
        var employee = Grains.GetGrain<IEmployeeGrain>(id);
        await employee.Upsert(Profile(null), TestOrg.System);
        var takenAt = fixture.Clock.GetUtcNow();

        await employee.Deliver(Message("k1"));
        await fixture.Advance(TimeSpan.FromSeconds(5));
        await employee.Deliver(Message("k1"));

        var message = Assert.Single(await employee.GetInbox(10));
        Assert.Equal(takenAt, message.DeliveredAt);
        Assert.Equal(DateTimeOffset.UnixEpoch, message.CreatedAt);
        Assert.Equal(takenAt, fixture.ReadModel.Inboxes[id]["k1"].DeliveredAt);
    }

    [Fact]
    public async Task MarkDelivered_RecentMessage_AddsTheChannelOnceAndPushesTheUpdate()
    {
        var id = NewId("E");
        var employee = Grains.GetGrain<IEmployeeGrain>(id);
        await employee.Upsert(Profile(null), TestOrg.System);
        await employee.Deliver(Message("k1"));

        Assert.True(await employee.MarkDelivered("k1", "wecom"));
        Assert.False(await employee.MarkDelivered("k1", "wecom"));
        Assert.False(await employee.MarkDelivered("no-such-message", "wecom"));

        Assert.Equal(["inbox", "wecom"], Assert.Single(await employee.GetInbox(10)).DeliveredVia);
        Assert.Equal(["inbox", "wecom"], fixture.ReadModel.Inboxes[id]["k1"].DeliveredVia);
        Assert.Equal([InboxPushReason.Delivered, InboxPushReason.Updated], fixture.Pushes.For(id).Select(p => p.Reason));
    }

    [Fact]
    public async Task MarkDelivered_AfterReactivation_IsKept()
    {
        var id = NewId("E");
        var employee = Grains.GetGrain<IEmployeeGrain>(id);
        await employee.Deliver(Message("k1"));
        await employee.MarkDelivered("k1", "wecom");

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Contains("wecom", Assert.Single(await employee.GetInbox(10)).DeliveredVia);
    }

    [Fact]
    public async Task Deliver_MoreThanTheRecentLimit_KeepsOnlyTheNewestInState()
    {
        var employee = Grains.GetGrain<IEmployeeGrain>(NewId("E"));
        await employee.Upsert(Profile(weCom: null), TestOrg.System);

        for (var i = 0; i < EmployeeGrain.RecentLimit + 12; i++)
        {
            Assert.True(await employee.Deliver(Message($"bound-{i:000}")));
        }

        var inbox = await employee.GetInbox(EmployeeGrain.OwedLimit);
        Assert.Equal(EmployeeGrain.RecentLimit, inbox.Count);
        Assert.Equal($"bound-{EmployeeGrain.RecentLimit + 11:000}", inbox[0].Key);
        Assert.Equal("bound-012", inbox[^1].Key);
        // De-duplication reaches further back than the messages kept.
        Assert.False(await employee.Deliver(Message("bound-000")));
    }

    [Fact]
    public async Task Deliver_ManyAtOnceWithRepeats_StoresEachOnceDurably()
    {
        var id = NewId("E");
        var employee = Grains.GetGrain<IEmployeeGrain>(id);
        await employee.Upsert(Profile(weCom: null), TestOrg.System);
        var keys = Enumerable.Range(0, 40).Select(i => $"burst-{i:00}").ToList();

        // Every key twice, all in flight together, as a wave of escalations with retries reaches a branch head.
        var results = await Task.WhenAll(keys.Concat(keys).Select(key => employee.Deliver(Message(key))));

        Assert.Equal(keys.Count, results.Count(delivered => delivered));
        Assert.Equal(keys.Count, fixture.Pushes.For(id).Count());
        Assert.Equal(keys.Count, fixture.ReadModel.Inboxes[id].Count);
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(EmployeeGrain.RecentLimit, (await employee.GetInbox(EmployeeGrain.OwedLimit)).Count);
        Assert.All(await Task.WhenAll(keys.Select(key => employee.Deliver(Message(key)))), Assert.False);
    }
}
