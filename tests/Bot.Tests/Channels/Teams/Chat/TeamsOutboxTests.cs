using System.Text.Json.Nodes;
using WealthActors.Bot.Channels.Teams;
using WealthActors.Bot.Channels.Teams.Chat;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Channels;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Channels.Teams.Chat;

/// <summary>Escalations pushed to Teams: into the person's chat, or into one opened for them, once, and recorded.</summary>
[Collection(BotClusterCollection.Name)]
public sealed class TeamsOutboxTests(BotClusterFixture cluster) : IAsyncLifetime
{
    private readonly string _tenant = Guid.NewGuid().ToString("D");
    private readonly string _objectId = Guid.NewGuid().ToString("D");
    private TeamsBotHost _host = null!;
    private BotTestOrg _org = null!;

    public async Task InitializeAsync()
    {
        _host = await TeamsBotHost.Start(cluster, _tenant);
        _org = await BotTestOrg.Create(cluster.Grains);
        var lead = Lead;
        var profile = (await lead.GetProfile())!;
        await lead.Upsert(profile with { TeamsUserId = _objectId }, Actor.System("tests"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IEmployeeGrain Lead => cluster.Grains.GetGrain<IEmployeeGrain>(_org.TeamLead);

    private string Path(string conversationId) => $"/amer/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";

    private TeamsAccount Bot => new("28:" + BotFrameworkTokens.AppId, "WealthActors", null);

    private Task KnowTheTenant() => cluster.Grains.GetGrain<ITeamsTenantGrain>(_tenant)
        .Remember(new TeamsTenantContact(_tenant, _host.Connector.ServiceUrl, "msteams", Bot));

    private Task KeepAChat(string conversationId) => Lead.SetTeamsConversation(new TeamsConversationReference(
        _host.Connector.ServiceUrl, "msteams", conversationId, Bot, new TeamsAccount("29:lead", "李经理", _objectId), _tenant, "personal"));

    private Task<InboxPush> Deliver(InboxKind kind = InboxKind.Escalation) => Deliver(kind, $"CMP-{_org.Tag}", "【投诉升级 L1】…");

    private async Task<InboxPush> Deliver(InboxKind kind, string? complaintId, string text)
    {
        var key = $"CMP-{_org.Tag}:{Guid.NewGuid():N}:1";
        var message = new InboxMessage(key, kind, key, complaintId, _org.VipClient, text, DateTimeOffset.UtcNow, ["inbox"]);
        Assert.True(await Lead.Deliver(message));
        return new InboxPush(_org.TeamLead, await Lead.GetProfile(), message, InboxPushReason.Delivered);
    }

    private async Task<IReadOnlyList<string>> DeliveredVia(string messageId) =>
        (await Lead.GetInbox(100)).Single(m => m.Id == messageId).DeliveredVia;

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task PushChannel_EscalationForPersonWithAKeptChat_SendsTheCardIntoItAndRecordsTheChannel()
    {
        var conversation = $"a:{Guid.NewGuid():N}+kept";
        await KeepAChat(conversation);
        var push = await Deliver();

        Assert.Equal(ChannelIdentity.Teams, _host.PushChannel.ConfirmingChannel(push));
        Assert.True(_host.PushChannel.TryPush(push));
        var sent = await _host.WaitForCall(c => c.RawTarget == Path(conversation), "the card");
        await Eventually(async () => (await DeliveredVia(push.Message.Id)).Contains(ChannelIdentity.Teams));

        var card = JsonNode.Parse(sent.Body)!["attachments"]![0]!["content"]!;
        Assert.Equal($"受理 CMP-{_org.Tag}", (string?)card["actions"]![0]!["verb"]);
        Assert.DoesNotContain(_host.Connector.Calls, c => c.RawTarget == "/amer/v3/conversations");
    }

    [Fact]
    public async Task PushChannel_CareTask_SendsACardWhoseButtonOpensTheClient()
    {
        var conversation = $"a:{Guid.NewGuid():N}+kept";
        await KeepAChat(conversation);
        var push = await Deliver(InboxKind.Task, null, "到期关怀：信托计划 30 天后到期");

        Assert.True(_host.PushChannel.TryPush(push));
        var sent = await _host.WaitForCall(c => c.RawTarget == Path(conversation), "the card");
        await Eventually(async () => (await DeliveredVia(push.Message.Id)).Contains(ChannelIdentity.Teams));

        var card = JsonNode.Parse(sent.Body)!["attachments"]![0]!["content"]!;
        Assert.Contains("到期关怀：信托计划 30 天后到期", card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        Assert.Equal($"客户 {_org.VipClient}", (string?)card["actions"]![0]!["verb"]);
    }

    [Fact]
    public async Task PushChannel_PersonNeverWrote_OpensAPersonalChatInTheTenantAndKeepsIt()
    {
        await KnowTheTenant();
        var push = await Deliver();

        Assert.True(_host.PushChannel.TryPush(push));
        var create = await _host.WaitForCall(c => c.RawTarget == "/amer/v3/conversations", "CreateConversation");
        await Eventually(async () => (await DeliveredVia(push.Message.Id)).Contains(ChannelIdentity.Teams));

        var parameters = JsonNode.Parse(create.Body)!;
        Assert.Equal(_objectId, (string?)parameters["members"]![0]!["id"]);
        Assert.Equal(_tenant, (string?)parameters["tenantId"]);
        Assert.Equal(_tenant, (string?)parameters["channelData"]!["tenant"]!["id"]);
        var kept = await Lead.GetTeamsConversation();
        Assert.StartsWith("a:created-", kept!.ConversationId);
        Assert.Single(_host.Connector.Calls, c => c.RawTarget == Path(kept.ConversationId));
    }

    [Fact]
    public async Task PushChannel_KeptChatRefused_OpensANewOne()
    {
        await KnowTheTenant();
        await KeepAChat("a:gone");
        _host.Connector.Enqueue(new ScriptedAnswer(403, Body: """{ "error": { "code": "BotNotInConversationRoster", "message": "gone" } }"""));
        var push = await Deliver();

        Assert.True(_host.PushChannel.TryPush(push));
        await Eventually(async () => (await DeliveredVia(push.Message.Id)).Contains(ChannelIdentity.Teams));

        Assert.Single(_host.Connector.Calls, c => c.RawTarget == Path("a:gone"));
        Assert.Single(_host.Connector.Calls, c => c.RawTarget == "/amer/v3/conversations");
        Assert.NotEqual("a:gone", (await Lead.GetTeamsConversation())!.ConversationId);
    }

    [Fact]
    public async Task Outbox_SamePushHandedOverWhileOnItsWay_SendsItOnce()
    {
        await KeepAChat($"a:{Guid.NewGuid():N}");
        var push = await Deliver();
        var gate = _host.Connector.HoldTokenRequests();

        Assert.True(_host.PushChannel.TryPush(push));
        await _host.Connector.TokenRequestEntered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(_host.PushChannel.TryPush(push with { Reason = InboxPushReason.Retry }));
        gate.SetResult();
        await Eventually(async () => (await DeliveredVia(push.Message.Id)).Contains(ChannelIdentity.Teams));
        // Settled: the outbox holds nothing more of it, so the second hand-over was not queued behind the first.
        await Eventually(() => Task.FromResult(!_host.Outbox.IsOnItsWay(push)));

        Assert.Single(_host.Connector.Calls, c => c.Method == "POST" && c.RawTarget.EndsWith("/activities", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outbox_ConnectorFailsPersistently_TheTransportRetriesAndTheOutboxDoesNotAgain()
    {
        var conversation = $"a:{Guid.NewGuid():N}+kept";
        await KeepAChat(conversation);
        // Retry-After 0 keeps the transport's waits short; the outbox would come back after 100 ms if it retried.
        _host.Connector.Enqueue(Enumerable.Repeat(new ScriptedAnswer(503, RetryAfter: "0"), 10).ToArray());
        var push = await Deliver();

        Assert.True(_host.PushChannel.TryPush(push));
        await _host.WaitForCall(
            _ => _host.Connector.Calls.Count(c => c.RawTarget == Path(conversation)) == BotConnectorClient.MaxAttempts, "the transport's tries");
        // Given up: the outbox holds nothing more of it, so no retry of its own can follow.
        await Eventually(() => Task.FromResult(!_host.Outbox.IsOnItsWay(push)));

        Assert.Equal(BotConnectorClient.MaxAttempts, _host.Connector.Calls.Count(c => c.RawTarget == Path(conversation)));
        Assert.DoesNotContain(ChannelIdentity.Teams, await DeliveredVia(push.Message.Id));
    }

    [Fact]
    public async Task PushChannel_NotForTeams_IsDeclined()
    {
        var push = await Deliver();
        var channel = _host.PushChannel;

        Assert.Null(channel.ConfirmingChannel(push with { Profile = push.Profile! with { TeamsUserId = null } }));
        Assert.Null(channel.ConfirmingChannel(push with { Reason = InboxPushReason.Updated }));
        Assert.Null(channel.ConfirmingChannel(push with { Message = push.Message with { DeliveredVia = ["inbox", ChannelIdentity.Teams] } }));
        Assert.Equal(ChannelIdentity.Teams, channel.ConfirmingChannel(push with { Reason = InboxPushReason.Retry }));
    }
}
