using WealthActors.Bot.Channels.WebChat;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Channels.WebChat;

public sealed class WebChatInboxHubTests
{
    private static InboxPush Push(string employeeId, string id) => new(
        employeeId, null, new InboxMessage(id, InboxKind.Info, id, null, null, "hi", DateTimeOffset.UnixEpoch, ["inbox"]), InboxPushReason.Delivered);

    [Fact]
    public async Task TryPush_Subscribed_ReachesEveryStreamOfThatEmployeeOnly()
    {
        var hub = new WebChatInboxHub();
        using var first = hub.Subscribe("E1");
        using var second = hub.Subscribe("E1");
        using var other = hub.Subscribe("E2");

        Assert.True(hub.TryPush(Push("E1", "m1")));

        Assert.Equal("m1", (await first.Reader.ReadAsync()).Message.Id);
        Assert.Equal("m1", (await second.Reader.ReadAsync()).Message.Id);
        Assert.False(other.Reader.TryRead(out _));
    }

    [Fact]
    public void TryPush_NobodyListening_IsDeclined() => Assert.False(new WebChatInboxHub().TryPush(Push("E1", "m1")));

    [Fact]
    public void Dispose_Subscription_ClosesTheStreamAndForgetsIt()
    {
        var hub = new WebChatInboxHub();
        var subscription = hub.Subscribe("E1");

        subscription.Dispose();
        subscription.Dispose();

        Assert.Equal(0, hub.StreamCount("E1"));
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void TryPush_SlowReader_KeepsTheNewestAndStaysBounded()
    {
        var hub = new WebChatInboxHub();
        using var subscription = hub.Subscribe("E1");

        for (var i = 0; i < 1000; i++)
        {
            hub.TryPush(Push("E1", $"m{i}"));
        }

        var kept = new List<string>();
        while (subscription.Reader.TryRead(out var push))
        {
            kept.Add(push.Message.Id);
        }

        Assert.InRange(kept.Count, 1, 100);
        Assert.Equal("m999", kept[^1]);
    }
}
