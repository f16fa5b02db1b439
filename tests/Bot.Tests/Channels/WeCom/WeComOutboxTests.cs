using WealthActors.Bot.Channels.Chat;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Channels.WeCom;

[Collection(BotClusterCollection.Name)]
public sealed class WeComOutboxTests(BotClusterFixture cluster) : IAsyncLifetime
{
    private WeComBotHost _host = null!;
    private BotTestOrg _org = null!;

    public async Task InitializeAsync()
    {
        _host = await WeComBotHost.Start(cluster, engine: null);
        _org = await BotTestOrg.Create(cluster.Grains);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<InboxPush> Deliver(InboxKind kind = InboxKind.Escalation) =>
        Deliver(kind, $"CMP-{_org.Tag}", _org.VipClient, "【投诉升级 L1】…");

    private async Task<InboxPush> Deliver(InboxKind kind, string? complaintId, string? clientId, string text)
    {
        var key = $"CMP-{_org.Tag}:{Guid.NewGuid():N}:1";
        var message = new InboxMessage(key, kind, key, complaintId, clientId, text, DateTimeOffset.UtcNow, ["inbox"]);
        var employee = cluster.Grains.GetGrain<IEmployeeGrain>(_org.Advisor);
        Assert.True(await employee.Deliver(message));
        return new InboxPush(_org.Advisor, await employee.GetProfile(), message, InboxPushReason.Delivered);
    }

    private async Task<IReadOnlyList<string>> DeliveredVia(string messageId) =>
        (await cluster.Grains.GetGrain<IEmployeeGrain>(_org.Advisor).GetInbox(100)).Single(m => m.Id == messageId).DeliveredVia;

    [Fact]
    public async Task PushChannel_EscalationForWeComUser_SendsButtonCardAndRecordsTheChannel()
    {
        var push = await Deliver();

        Assert.True(_host.PushChannel.TryPush(push));
        var sent = await _host.WaitForCall(c => c.Api == "message/send", "the card");
        await Eventually(async () => (await DeliveredVia(push.Message.Id)).Contains("wecom"));

        Assert.Equal(_org.AdvisorWeCom, (string?)sent.Body["touser"]);
        Assert.Equal("template_card", (string?)sent.Body["msgtype"]);
        var card = sent.Body["template_card"]!;
        Assert.Equal("button_interaction", (string?)card["card_type"]);
        Assert.Equal(WeComReplies.TaskId(_org.AdvisorWeCom, push.Message.Id), (string?)card["task_id"]);
        var keys = card["button_list"]!.AsArray().Select(b => (string)b!["key"]!).ToArray();
        Assert.Equal([$"受理 CMP-{_org.Tag}", $"转派 CMP-{_org.Tag}", $"备注 CMP-{_org.Tag}"], keys);
        Assert.Equal(["inbox", "wecom"], await DeliveredVia(push.Message.Id));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(45009)]
    public async Task Outbox_TransientWeComError_RetriesAndDelivers(int errcode)
    {
        var push = await Deliver();
        _host.Server.FailNext(errcode);

        Assert.True(_host.Outbox.TryEnqueue(new WeComPushJob(_org.AdvisorWeCom, push)));
        await Eventually(async () => (await DeliveredVia(push.Message.Id)).Contains("wecom"));

        Assert.Equal(2, _host.Server.Calls.Count(c => c.Api == "message/send"));
    }

    [Fact]
    public async Task Outbox_HttpFailuresPersist_TheTransportRetriesAndTheOutboxDoesNotAgain()
    {
        var push = await Deliver();
        // Retry-After 0 keeps the transport's waits short; the outbox would come back after 100 ms if it retried.
        for (var i = 0; i < 10; i++)
        {
            _host.Server.FailNextHttp(503, retryAfter: "0");
        }

        Assert.True(_host.Outbox.TryEnqueue(new WeComPushJob(_org.AdvisorWeCom, push)));
        await _host.WaitForCall(c => c.Api == "message/send" && _host.Server.Calls.Count(s => s.Api == "message/send") == ChatHttpResilience.MaxRetries + 1, "the transport's tries");
        // Given up: the outbox holds nothing more of it, so no retry of its own can follow.
        await Eventually(() => Task.FromResult(!_host.Outbox.IsOnItsWay(push)));

        Assert.Equal(ChatHttpResilience.MaxRetries + 1, _host.Server.Calls.Count(c => c.Api == "message/send"));
        Assert.Equal(["inbox"], await DeliveredVia(push.Message.Id));
    }

    [Fact]
    public async Task Outbox_PermanentWeComError_GivesUpWithoutRecording()
    {
        var push = await Deliver();
        _host.Server.FailNext(81013);

        Assert.True(_host.Outbox.TryEnqueue(new WeComPushJob(_org.AdvisorWeCom, push)));
        await _host.WaitForCall(c => c.Api == "message/send", "the attempt");
        // Given up: the outbox holds nothing more of it, so no retry can follow.
        await Eventually(() => Task.FromResult(!_host.Outbox.IsOnItsWay(push)));

        Assert.Single(_host.Server.Calls, c => c.Api == "message/send");
        Assert.Equal(["inbox"], await DeliveredVia(push.Message.Id));
    }

    [Fact]
    public async Task PushChannel_NotForWeCom_IsDeclined()
    {
        var channel = _host.PushChannel;
        var push = await Deliver();

        Assert.False(channel.TryPush(push with { Profile = push.Profile! with { WeComUserId = null } }));
        Assert.False(channel.TryPush(push with { Reason = InboxPushReason.Updated }));
        Assert.False(channel.TryPush(push with { Message = push.Message with { DeliveredVia = ["inbox", "wecom"] } }));
    }

    [Fact]
    public async Task PushChannel_CareTaskForAClient_SendsACardThatOpensTheClient()
    {
        var push = await Deliver(InboxKind.Task, null, _org.VipClient, "生日关怀：张伟 5 月 20 日 56 岁生日");

        Assert.True(_host.PushChannel.TryPush(push));
        var sent = await _host.WaitForCall(c => c.Api == "message/send", "the card");
        await Eventually(async () => (await DeliveredVia(push.Message.Id)).Contains("wecom"));

        var card = sent.Body["template_card"]!;
        Assert.Equal("button_interaction", (string?)card["card_type"]);
        Assert.Equal("待办任务 Task", (string?)card["main_title"]!["title"]);
        Assert.Equal("生日关怀：张伟 5 月 20 日 56 岁生日", (string?)card["sub_title_text"]);
        var keys = card["button_list"]!.AsArray().Select(b => (string)b!["key"]!).ToArray();
        Assert.Equal([$"客户 {_org.VipClient}"], keys);
    }

    [Fact]
    public async Task PushChannel_DigestWithNothingToClick_SendsItsLinesAsText()
    {
        var push = await Deliver(InboxKind.Digest, null, null, "SLA 日报 06-12\n超时 3\n预警 5");

        Assert.True(_host.PushChannel.TryPush(push));
        var sent = await _host.WaitForCall(c => c.Api == "message/send", "the text");
        await Eventually(async () => (await DeliveredVia(push.Message.Id)).Contains("wecom"));

        Assert.Equal("text", (string?)sent.Body["msgtype"]);
        Assert.Equal("【SLA 日报 Digest】\nSLA 日报 06-12\n超时 3\n预警 5", (string?)sent.Body["text"]!["content"]);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(25);
        }
    }
}
