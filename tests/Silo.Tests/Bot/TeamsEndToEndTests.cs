using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Bot.Channels.Chat;
using WealthActors.Bot.Channels.Teams;
using WealthActors.Bot.Channels.Teams.Chat;
using WealthActors.Employees;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Bot;

/// <summary>
/// Teams as it reaches the Silo: activities signed like the Bot Connector's on <c>/api/messages</c>, and everything the
/// bot sends arriving at a fake Connector, held to the Bot Framework's swagger and schemas.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class TeamsEndToEndTests(BotSiloFixture silo)
{
    private const string Messages = "/api/messages";

    private ApiFactory Api => silo.Api;

    private TeamsUser AdvisorOf(BotSeed seed) => new(seed.AdvisorTeams, "Chen", silo.Connector.ServiceUrl);

    private TeamsUser TeamLeadOf(BotSeed seed, string? conversationId = null) =>
        new(seed.TeamLeadTeams, "Li", silo.Connector.ServiceUrl) { ConversationId = conversationId ?? $"a:1{Guid.NewGuid():N}+Q/w==" };

    private async Task<HttpResponseMessage> Post(JsonObject activity, string? bearer = "signed")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Messages)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer == "signed" ? silo.TeamsToken() : bearer);
        }

        return await Api.As(null).SendAsync(request);
    }

    /// <summary>Whether the activity handler had not yet recorded the delivery <paramref name="key"/> (it is recorded now).</summary>
    private Task<bool> FirstSeen(string key) =>
        silo.Api.Services.GetRequiredService<IDeliveryDeduplication>().TryRecordFirstAsync(key, DateTimeOffset.UtcNow.AddMinutes(5));

    private async Task<ConnectorCall> WaitForConnector(Func<ConnectorCall, bool> match, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (silo.Connector.Calls.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends <paramref name="text"/> and returns the Connector's ReplyToActivity call answering it.</summary>
    private async Task<ConnectorCall> Say(TeamsUser user, string text)
    {
        var message = user.Message(text);
        Assert.Equal(HttpStatusCode.OK, (await Post(message)).StatusCode);
        return await WaitForConnector(c => c.Method == "POST" && c.RawTarget == Path(user.ConversationId, (string)message["id"]!), $"the reply to '{text}'");
    }

    /// <summary>The Connector path as the bot must send it: every id percent-encoded.</summary>
    private static string Path(string conversationId, string? activityId = null) =>
        $"/amer/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities" + (activityId is null ? "" : "/" + Uri.EscapeDataString(activityId));

    private static JsonNode Body(ConnectorCall call) => JsonNode.Parse(call.Body)!;

    // The wire JSON escapes Chinese characters (\uXXXX); assertions read the text as Teams would show it.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string CardText(JsonElement card) => JsonSerializer.Serialize(card, Readable);

    private static bool Carries(ConnectorCall call, string text) => JsonNode.Parse(call.Body)!.ToJsonString(Readable).Contains(text, StringComparison.Ordinal);

    private async Task<JsonNode> Complaint(string id) =>
        await (await Api.As("Manager").GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);

    /// <summary>The escalation card pushed to the seed's team lead for complaint <paramref name="id"/>.</summary>
    private Task<ConnectorCall> EscalationCard(string id) =>
        WaitForConnector(c => c.Method == "POST" && c.RawTarget.EndsWith("/activities", StringComparison.Ordinal)
            && Carries(c, $"受理 {id}"), "the escalation card");

    [Fact]
    public async Task Message_AdvisorConversation_RunsCommandsAndRepliesAtTheEncodedUrl()
    {
        var seed = await BotSeed.Create(Api, escalateAfter: "PT1H", teams: true);
        var id = await seed.OpenComplaint(Api);
        var advisor = AdvisorOf(seed);

        var queue = await Say(advisor, "我的待办");
        var ack = await Say(advisor, $"受理 {id}");
        var note = await Say(advisor, $"备注 {id} 已致电客户");

        Assert.All(new[] { queue, ack, note }, call => Assert.Equal("Conversations_ReplyToActivity", TeamsConnectorChecks.AssertFollowsSpecs(call)));
        var queueReply = Body(queue);
        Assert.Contains("您有 1 件待办投诉", (string?)queueReply["text"]);
        Assert.Contains(id, (string?)queueReply["text"]);
        Assert.Equal(advisor.UserId, (string?)queueReply["recipient"]!["id"]);
        Assert.Equal(TeamsUser.BotId, (string?)queueReply["from"]!["id"]);
        Assert.Equal(advisor.ConversationId, (string?)queueReply["conversation"]!["id"]);
        var ackCard = Assert.Single(TeamsConnectorChecks.Cards(JsonDocument.Parse(ack.Body).RootElement));
        Assert.Contains(id, CardText(ackCard));
        Assert.Contains("已受理", (string?)Body(ack)["text"]);
        Assert.Contains("已为投诉", (string?)Body(note)["text"]);
        var timeline = (await Complaint(id))["timeline"]!.AsArray();
        Assert.Equal(seed.Advisor, timeline.Single(t => t!.Str("kind") == "Acknowledged")!.Str("by"));
        Assert.Equal(seed.Advisor, timeline.Single(t => t!.Str("kind") == "Note")!.Str("by"));
        var kept = await silo.Grains.GetGrain<IEmployeeGrain>(seed.Advisor).GetTeamsConversation();
        Assert.Equal((advisor.ConversationId, advisor.UserId, TeamsUser.TenantId), (kept!.ConversationId, kept.User.Id, kept.TenantId));
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("wrong-audience")]
    [InlineData("signed-by-another-key")]
    [InlineData("none")]
    public async Task Message_WithoutAValidConnectorToken_Is401AndNothingHappens(string kind)
    {
        var seed = await BotSeed.Create(Api, escalateAfter: "PT1H", teams: true);
        var id = await seed.OpenComplaint(Api);
        var advisor = AdvisorOf(seed);
        var spec = new BotFrameworkTokens.Spec { ServiceUrl = silo.Connector.ServiceUrl };
        var bearer = kind switch
        {
            "unsigned" => BotFrameworkTokens.CreateUnsigned(BotSiloFixture.SigningKeyId, DateTimeOffset.UtcNow),
            "wrong-audience" => silo.TeamsToken(spec with { Audience = Guid.NewGuid().ToString("D") }),
            "signed-by-another-key" => BotFrameworkTokens.Create(FakeBotFrameworkIdentity.NewKey(BotSiloFixture.SigningKeyId, 1), DateTimeOffset.UtcNow, spec),
            _ => null,
        };

        var message = advisor.Message($"受理 {id}");
        var response = await Post(message, bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // Refused before the handler: it never recorded the activity, so nothing was started for it in the background.
        Assert.True(await FirstSeen(TeamsActivityHandler.DeliveryKey(BotFrameworkJson.ParseActivity(message.ToJsonString())!)!));
        Assert.Equal("Open", (await Complaint(id)).Str("status"));
        Assert.DoesNotContain(silo.Connector.Calls, c => c.RawTarget.Contains(Uri.EscapeDataString(advisor.ConversationId), StringComparison.Ordinal));
        Assert.Null(await silo.Grains.GetGrain<IEmployeeGrain>(seed.Advisor).GetTeamsConversation());
    }

    [Fact]
    public async Task ConversationUpdate_BotAddedToAPersonalChat_KeepsTheChatAndGreets()
    {
        var seed = await BotSeed.Create(Api, escalateAfter: "PT1H", teams: true);
        var lead = TeamLeadOf(seed);

        var response = await Post(lead.BotAdded());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var greeting = await WaitForConnector(c => c.Method == "POST" && c.RawTarget == Path(lead.ConversationId), "the greeting");
        Assert.Equal("Conversations_SendToConversation", TeamsConnectorChecks.AssertFollowsSpecs(greeting));
        Assert.Contains("李经理", (string?)Body(greeting)["text"]);
        Assert.Contains("帮助", (string?)Body(greeting)["text"]);
        Assert.Equal(lead.UserId, (string?)Body(greeting)["recipient"]!["id"]);
        Assert.Equal(lead.ConversationId, (await silo.Grains.GetGrain<IEmployeeGrain>(seed.TeamLead).GetTeamsConversation())!.ConversationId);
    }

    [Fact]
    public async Task Escalation_ForTeamsEmployeeWhoNeverWrote_OpensAChatSendsAValidCardAndIsRecorded()
    {
        var seed = await BotSeed.Create(Api, teams: true);
        // Someone of the tenant has written, so the bot knows the tenant's Connector address and its own account there.
        await Say(AdvisorOf(seed), "帮助");
        var id = await seed.OpenComplaint(Api);

        var create = await WaitForConnector(
            c => c.RawTarget == "/amer/v3/conversations" && (string?)Body(c)["members"]![0]!["id"] == seed.TeamLeadTeams, "CreateConversation");
        var push = await EscalationCard(id);

        Assert.Equal("Conversations_CreateConversation", TeamsConnectorChecks.AssertFollowsSpecs(create));
        Assert.Equal(TeamsUser.TenantId, (string?)Body(create)["tenantId"]);
        Assert.Equal(TeamsUser.BotId, (string?)Body(create)["bot"]!["id"]);
        Assert.Equal("Conversations_SendToConversation", TeamsConnectorChecks.AssertFollowsSpecs(push));
        var kept = await silo.Grains.GetGrain<IEmployeeGrain>(seed.TeamLead).GetTeamsConversation();
        Assert.Equal(Path(kept!.ConversationId), push.RawTarget);
        var card = Assert.Single(TeamsConnectorChecks.Cards(JsonDocument.Parse(push.Body).RootElement));
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var actions = card.GetProperty("actions").EnumerateArray().ToArray();
        Assert.Equal(["受理 Acknowledge", "转派 Reassign", "备注 Comment"], actions.Select(a => a.GetProperty("title").GetString()));
        Assert.All(actions, a => Assert.Equal("Action.Execute", a.GetProperty("type").GetString()));
        Assert.Equal([$"受理 {id}", $"转派 {id}", $"备注 {id}"], actions.Select(a => a.GetProperty("verb").GetString()));
        Assert.All(actions, a => Assert.Equal("Action.Submit", a.GetProperty("fallback").GetProperty("type").GetString()));
        Assert.Contains(id, CardText(card));
        var escalation = await InboxMessage(seed.TeamLead, $"{id}:1:1", m => m["deliveredVia"]!.AsArray().Any(v => (string?)v == "teams"));
        Assert.Equal(["inbox", "teams"], escalation["deliveredVia"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task CardClick_ActionExecute_AcknowledgesAsTheClickerAndAnswersWithTheUpdatedCard()
    {
        var seed = await BotSeed.Create(Api, teams: true);
        await Say(AdvisorOf(seed), "帮助");
        var id = await seed.OpenComplaint(Api);
        var push = await EscalationCard(id);
        var acknowledge = TeamsConnectorChecks.Cards(JsonDocument.Parse(push.Body).RootElement)[0].GetProperty("actions")[0];
        var lead = TeamLeadOf(seed, (await silo.Grains.GetGrain<IEmployeeGrain>(seed.TeamLead).GetTeamsConversation())!.ConversationId);

        var response = await Post(lead.Execute(acknowledge.GetProperty("verb").GetString()!, JsonNode.Parse(acknowledge.GetProperty("data").GetRawText())!));

        var answer = await response.Json(HttpStatusCode.OK);
        Assert.Equal(200, (int)answer["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
        var updated = JsonDocument.Parse(answer["value"]!.ToJsonString()).RootElement;
        TeamsSpecs.AssertValidCard(updated);
        Assert.Contains("已受理", CardText(updated));
        Assert.Contains("李经理", CardText(updated));
        var complaint = await Complaint(id);
        Assert.Equal("Acknowledged", complaint.Str("status"));
        Assert.Equal(seed.TeamLead, complaint["timeline"]!.AsArray().Single(t => t!.Str("kind") == "Acknowledged")!.Str("by"));
    }

    [Fact]
    public async Task CardClick_SubmitFallback_AcknowledgesAndReplacesTheCardActivity()
    {
        var seed = await BotSeed.Create(Api, escalateAfter: "PT1H", teams: true);
        var id = await seed.OpenComplaint(Api);
        var advisor = AdvisorOf(seed);
        var cardActivityId = $"1:{Guid.NewGuid():N}/card+1";

        var response = await Post(advisor.Submit($"受理 {id}", cardActivityId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = await WaitForConnector(c => c.Method == "PUT" && c.RawTarget == Path(advisor.ConversationId, cardActivityId), "the card update");
        Assert.Equal("Conversations_UpdateActivity", TeamsConnectorChecks.AssertFollowsSpecs(update));
        Assert.Equal(cardActivityId, (string?)Body(update)["id"]);
        var card = Assert.Single(TeamsConnectorChecks.Cards(JsonDocument.Parse(update.Body).RootElement));
        Assert.Contains("已受理", CardText(card));
        Assert.Equal(seed.Advisor, (await Complaint(id))["timeline"]!.AsArray().Single(t => t!.Str("kind") == "Acknowledged")!.Str("by"));
    }

    [Fact]
    public async Task Invoke_UnknownName_Is501()
    {
        var stranger = new TeamsUser(Guid.NewGuid().ToString("D"), "Stranger", silo.Connector.ServiceUrl);

        var response = await Post(stranger.Invoke("composeExtension/query"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnhandledActivityType_IsAcknowledgedAndIgnored()
    {
        var user = new TeamsUser(Guid.NewGuid().ToString("D"), "Someone", silo.Connector.ServiceUrl);

        var response = await Post(user.Other("typing"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A message after it is answered: by then anything the typing activity had set off would have answered before it
        // (an activity is dispatched while its request is open), so the one call in the conversation is that answer.
        var reply = await Say(user, "hello");
        Assert.Equal([reply], silo.Connector.Calls.Where(c => c.RawTarget.Contains(Uri.EscapeDataString(user.ConversationId), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Message_FromUnlinkedUser_GetsAPoliteRefusal()
    {
        var stranger = new TeamsUser(Guid.NewGuid().ToString("D"), "Stranger", silo.Connector.ServiceUrl);

        var reply = await Say(stranger, "我的待办");

        Assert.Equal("Conversations_ReplyToActivity", TeamsConnectorChecks.AssertFollowsSpecs(reply));
        Assert.Contains("尚未与员工档案关联", (string?)Body(reply)["text"]);
    }

    [Fact]
    public async Task Message_InAChannel_IsNotRunAndAsksForAPersonalChat()
    {
        var seed = await BotSeed.Create(Api, escalateAfter: "PT1H", teams: true);
        var id = await seed.OpenComplaint(Api);
        var inChannel = AdvisorOf(seed) with { ConversationType = "channel", ConversationId = $"19:{Guid.NewGuid():N}@thread.tacv2;messageid=1" };

        var reply = await Say(inChannel, $"<at>WealthActors</at> 受理 {id}");

        Assert.Contains("私聊", (string?)Body(reply)["text"]);
        Assert.Equal("Open", (await Complaint(id)).Str("status"));
    }

    [Fact]
    public async Task Post_OversizedBody_Is413()
    {
        var activity = new TeamsUser(Guid.NewGuid().ToString("D"), "x", silo.Connector.ServiceUrl).Message(new string('a', 300_000));

        var response = await Post(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private async Task<JsonNode> InboxMessage(string employeeId, string key, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var inbox = await (await Api.As("Manager").GetAsync($"/api/employees/{employeeId}/inbox")).Json(HttpStatusCode.OK);
            var message = inbox.AsArray().SingleOrDefault(m => m!.Str("key") == key);
            if (message is not null && (done(message) || DateTime.UtcNow > deadline))
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for inbox message {key}");
            await Task.Delay(100);
        }
    }
}
