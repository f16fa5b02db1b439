using WealthActors.Bot.Channels.WeCom;
using WealthActors.Bot.Conversation;
using WealthActors.Bot.Tests.Infrastructure;

namespace WealthActors.Bot.Tests.Channels.WeCom;

[Collection(BotClusterCollection.Name)]
public sealed class WeComCallbackHandlerTests(BotClusterFixture cluster) : IAsyncLifetime
{
    private readonly ScriptedEngine _engine = new();
    private WeComBotHost _host = null!;
    private BotTestOrg _org = null!;

    public async Task InitializeAsync()
    {
        _host = await WeComBotHost.Start(cluster, _engine, new Dictionary<string, string?> { ["Bot:PassiveReplyBudget"] = "00:00:03" });
        _org = await BotTestOrg.Create(cluster.Grains);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private Task<WeComCallbackResponse> Post(WeComSignedCallback callback) =>
        _host.Handler.ReceiveAsync(callback.MsgSignature, callback.Timestamp, callback.Nonce, callback.Body);

    [Fact]
    public async Task ReceiveAsync_TextFromMappedUser_RepliesPassivelyAndEncrypted()
    {
        var response = await Post(WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(_org.AdvisorWeCom, "我的待办", "1001", Now), Now));

        Assert.Equal(200, response.StatusCode);
        var reply = WeComCallbackRequests.ReadReply(response.Body);
        Assert.Equal("echo: 我的待办", reply.Content);
        Assert.Equal(_org.AdvisorWeCom, reply.ToUserName);
        Assert.Equal(FakeWeComServer.CorpId, reply.FromUserName);
        Assert.Equal([(_org.Advisor, "wecom", "我的待办")], _engine.Received);
    }

    [Fact]
    public async Task ReceiveAsync_UserIdInOtherCase_MapsToTheSameEmployee()
    {
        await Post(WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(_org.AdvisorWeCom.ToUpperInvariant(), "help", "1002", Now), Now));

        Assert.Equal(_org.Advisor, Assert.Single(_engine.Received).EmployeeId);
    }

    [Fact]
    public async Task ReceiveAsync_SlowCommand_AnswersAtOnceAndSendsTheReplyLater()
    {
        await using var host = await WeComBotHost.Start(cluster, _engine, new Dictionary<string, string?> { ["Bot:PassiveReplyBudget"] = "00:00:00.200" });
        var command = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _engine.Hold = command.Task;

        var callback = WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(_org.AdvisorWeCom, "超时", "1003", Now), Now);
        // Bounded so that a handler that waits for the command fails here instead of hanging the run.
        var response = await host.Handler.ReceiveAsync(callback.MsgSignature, callback.Timestamp, callback.Nonce, callback.Body)
            .WaitAsync(TimeSpan.FromSeconds(30));

        // The callback was answered while the command was still running: the reply could not have waited for it.
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("", response.Body);
        Assert.Equal(1, _engine.Calls);
        Assert.Equal(0, _engine.Answered);
        Assert.False(host.Server.Calls.Any(call => call.Api == "message/send"), "the reply was sent before the command finished");

        command.SetResult();
        var sent = await host.WaitForCall(call => call.Api == "message/send", "the delayed answer");
        Assert.Equal(_org.AdvisorWeCom, (string?)sent.Body["touser"]);
        Assert.Equal("text", (string?)sent.Body["msgtype"]);
        Assert.Equal("echo: 超时", (string?)sent.Body["text"]!["content"]);
    }

    [Fact]
    public async Task ReceiveAsync_SameMsgIdTwice_RunsTheCommandOnce()
    {
        var xml = WeComCallbackRequests.TextXml(_org.AdvisorWeCom, "受理 X1", "1004", Now);

        var first = await Post(WeComCallbackRequests.Sign(xml, Now));
        var retry = await Post(WeComCallbackRequests.Sign(xml, Now));

        Assert.NotEqual("", first.Body);
        Assert.Equal(200, retry.StatusCode);
        Assert.Equal("", retry.Body);
        Assert.Equal(1, _engine.Calls);
    }

    [Fact]
    public async Task ReceiveAsync_UserOverTheCommandRate_IsAnsweredPolitelyAndTheCommandIsNotRun()
    {
        await using var host = await WeComBotHost.Start(cluster, _engine, new Dictionary<string, string?>
        {
            ["Bot:PassiveReplyBudget"] = "00:00:03",
            // Three at once, then one every 20 seconds: the fourth of a quick burst is over the limit.
            ["Bot:CommandsPerMinute"] = "3",
        });

        var replies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var callback = WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(_org.AdvisorWeCom, $"受理 X{i}", $"20{i}", Now), Now);
            var response = await host.Handler.ReceiveAsync(callback.MsgSignature, callback.Timestamp, callback.Nonce, callback.Body);
            replies.Add(WeComCallbackRequests.ReadReply(response.Body).Content ?? "");
        }

        Assert.Equal(["echo: 受理 X0", "echo: 受理 X1", "echo: 受理 X2"], replies.Take(3));
        Assert.Contains("过于频繁", replies[3]);
        Assert.Equal(["受理 X0", "受理 X1", "受理 X2"], _engine.Received.Select(r => r.Text));
    }

    [Fact]
    public async Task ReceiveAsync_BadSignature_Is403AndNothingRuns()
    {
        var callback = WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(_org.AdvisorWeCom, "受理 X1", "1005", Now), Now);

        var response = await _host.Handler.ReceiveAsync(new string('0', 40), callback.Timestamp, callback.Nonce, callback.Body);
        var stillFresh = await Post(callback);

        Assert.Equal(403, response.StatusCode);
        // The refused attempt did not consume the MsgId: the genuine delivery is still processed.
        Assert.Equal(200, stillFresh.StatusCode);
        Assert.Equal(1, _engine.Calls);
    }

    [Fact]
    public async Task ReceiveAsync_TamperedBody_Is403()
    {
        var callback = WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(_org.AdvisorWeCom, "受理 X1", "1006", Now), Now);
        var other = WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(_org.AdvisorWeCom, "解决 X1 done", "1006", Now), Now);

        var response = await _host.Handler.ReceiveAsync(callback.MsgSignature, callback.Timestamp, callback.Nonce, other.Body);

        Assert.Equal(403, response.StatusCode);
        Assert.Equal(0, _engine.Calls);
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(600)]
    public async Task ReceiveAsync_TimestampOutsideTheWindow_Is400(int skewSeconds)
    {
        var at = Now.AddSeconds(skewSeconds);

        var response = await Post(WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(_org.AdvisorWeCom, "帮助", "1007", at), at));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(0, _engine.Calls);
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"b\">]><xml><Encrypt>&a;</Encrypt></xml>")]
    [InlineData("<xml><ToUserName>x</ToUserName></xml>")]
    public async Task ReceiveAsync_MalformedBody_Is400(string body)
    {
        var response = await _host.Handler.ReceiveAsync("sig", Now.ToUnixTimeSeconds().ToString(), "1", body);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(0, _engine.Calls);
    }

    [Fact]
    public async Task ReceiveAsync_UnmappedUser_GetsAPoliteRefusal()
    {
        var response = await Post(WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml("stranger-" + _org.Tag, "我的待办", "1008", Now), Now));

        Assert.Contains("尚未与员工档案关联", WeComCallbackRequests.ReadReply(response.Body).Content);
        Assert.Equal(0, _engine.Calls);
    }

    [Fact]
    public async Task ReceiveAsync_CardClickThatChangesSomething_UpdatesTheCardWithALabel()
    {
        _engine.Reply = _ => new BotReply("已受理投诉 X1", BotOutcome.Done,
            new BotCard("投诉 X1", [new BotFact("状态", "已受理")], [new BotButton("备注", "备注 X1")]))
        { Badge = "已受理" };

        var response = await Post(WeComCallbackRequests.Sign(
            WeComCallbackRequests.CardClickXml(_org.AdvisorWeCom, "受理 X1", "task-1", "rc-click-1", Now), Now));

        Assert.Equal("", response.Body);
        var update = await _host.WaitForCall(c => c.Api == "message/update_template_card", "the card update");
        Assert.Equal("rc-click-1", (string?)update.Body["response_code"]);
        Assert.Equal([_org.AdvisorWeCom], update.Body["userids"]!.AsArray().Select(n => (string?)n));
        var card = update.Body["template_card"]!;
        Assert.Equal("task-1", (string?)card["task_id"]);
        Assert.Equal("已受理 · 陈顾问", (string?)card["replace_text"]);
        Assert.Equal([(_org.Advisor, "wecom", "受理 X1")], _engine.Received);
    }

    [Fact]
    public async Task ReceiveAsync_CardClickThatNeedsMore_SendsThePromptAsAMessage()
    {
        _engine.Reply = _ => new BotReply("请补充备注内容：备注 X1 <内容>", BotOutcome.NeedsInput);

        await Post(WeComCallbackRequests.Sign(WeComCallbackRequests.CardClickXml(_org.AdvisorWeCom, "备注 X1", "task-2", "rc-click-2", Now), Now));

        var sent = await _host.WaitForCall(c => c.Api == "message/send", "the prompt");
        Assert.Equal("请补充备注内容：备注 X1 <内容>", (string?)sent.Body["text"]!["content"]);
        Assert.DoesNotContain(_host.Server.Calls, c => c.Api == "message/update_template_card");
    }

    [Fact]
    public async Task ReceiveAsync_OtherEvent_IsAcknowledgedWithoutAnswer()
    {
        var xml = $"<xml><ToUserName>{FakeWeComServer.CorpId}</ToUserName><FromUserName>{_org.AdvisorWeCom}</FromUserName>"
            + $"<CreateTime>{Now.ToUnixTimeSeconds()}</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event></xml>";

        var response = await Post(WeComCallbackRequests.Sign(xml, Now));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("", response.Body);
        Assert.Equal(0, _engine.Calls);
    }

    [Fact]
    public void Verify_SignedEchostr_ReturnsItDecryptedAndBare()
    {
        var echostr = WeComCallbackRequests.Crypto.Encrypt("1616140317555161061");
        var timestamp = Now.ToUnixTimeSeconds().ToString();

        var response = _host.Handler.Verify(WeComCallbackRequests.Crypto.Signature(timestamp, "42", echostr), timestamp, "42", echostr);
        var forged = _host.Handler.Verify("0123", timestamp, "42", echostr);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("1616140317555161061", response.Body);
        Assert.Equal(403, forged.StatusCode);
    }

    [Fact]
    public void Verify_EchostrWhosePlusSignsArrivedAsSpaces_StillVerifies()
    {
        var echostr = Enumerable.Range(0, 200).Select(i => WeComCallbackRequests.Crypto.Encrypt($"echo-{i}")).First(e => e.Contains('+'));
        var timestamp = Now.ToUnixTimeSeconds().ToString();

        var response = _host.Handler.Verify(
            WeComCallbackRequests.Crypto.Signature(timestamp, "7", echostr), timestamp, "7", echostr.Replace('+', ' '));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("echo-", response.Body);
    }
}
