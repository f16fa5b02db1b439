using System.Text.Json;
using WealthActors.Bot.Channels.Teams;
using WealthActors.Channels;

namespace WealthActors.Bot.Tests.Channels.Teams;

public sealed class BotConnectorClientTests : ConnectorTestBase
{
    [Fact]
    public async Task ReplyToActivityAsync_TeamsIds_PostsToPercentEncodedUrlWithBearerAndValidBody()
    {
        var incoming = Incoming();
        var reply = incoming.CreateReply("已受理 CMP-42 / Acknowledged");

        var response = await Client.ReplyToActivityAsync(reply);

        Assert.Equal("activity-1", response.Id);
        var call = Assert.Single(Server.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/amer/v3/conversations/a%3A1AbC_personal-chat%2BQ%2Fw%3D%3D/activities/1772413200123", call.RawTarget);
        Assert.Equal("Bearer token-1", call.Authorization);
        var (operation, ids) = TeamsSpecs.AssertSwaggerOperation("POST", call.RawTarget["/amer".Length..], JsonDocument.Parse(call.Body).RootElement);
        Assert.Equal("Conversations_ReplyToActivity", operation);
        Assert.Equal(TeamsSamples.ConversationId, ids["conversationId"]);
        Assert.Equal(TeamsSamples.MessageId, ids["activityId"]);

        var body = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.Equal("已受理 CMP-42 / Acknowledged", body.GetProperty("text").GetString());
        Assert.Equal(TeamsSamples.BotId, body.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(TeamsSamples.UserId, body.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(TeamsSamples.ConversationId, body.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal(TeamsSamples.MessageId, body.GetProperty("replyToId").GetString());
        AssertCallsFollowSpecs();
    }

    [Fact]
    public async Task ReplyToActivityAsync_ChannelThreadIds_EncodesColonAtSemicolonAndEquals()
    {
        await Client.ReplyToActivityAsync(Server.ServiceUrl, TeamsSamples.ChannelThreadId, "1772413200000", Incoming().CreateReply("ok"));

        Assert.Equal(
            "/amer/v3/conversations/19%3A3f5e2a9c1b7d4e8f%40thread.tacv2%3Bmessageid%3D1772413200000/activities/1772413200000",
            Assert.Single(Server.Calls).RawTarget);
    }

    [Fact]
    public async Task SendToConversationAsync_ProactiveCard_PostsValidActivityWithValidCard()
    {
        var reference = Incoming().ToConversationReference();
        var message = reference.CreateMessage(null, [AdaptiveCardBuilder.BuildAttachment(AdaptiveCardBuilderTests.Escalation)]);

        var response = await Client.SendToConversationAsync(reference, message);

        Assert.Equal("activity-1", response.Id);
        var call = Assert.Single(Server.Calls);
        Assert.Equal("/amer/v3/conversations/a%3A1AbC_personal-chat%2BQ%2Fw%3D%3D/activities", call.RawTarget);
        var body = JsonDocument.Parse(call.Body).RootElement;
        Assert.False(body.TryGetProperty("replyToId", out _));
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal("Action.Execute", attachment.GetProperty("content").GetProperty("actions")[0].GetProperty("type").GetString());
        AssertCallsFollowSpecs();
        Assert.Equal("Conversations_SendToConversation", TeamsSpecs.AssertSwaggerOperation("POST", call.RawTarget["/amer".Length..], body).OperationId);
    }

    [Fact]
    public async Task UpdateActivityAsync_ReplacedCard_PutsToActivityUrl()
    {
        var reference = Incoming().ToConversationReference();
        var updated = reference.CreateMessage(null, [AdaptiveCardBuilder.BuildAttachment(new TeamsCardModel("CMP-42 acknowledged", [new("By", "Li Na")], []))]);

        await Client.UpdateActivityAsync(reference.ServiceUrl, reference.ConversationId, "1:1Xyz/sent", updated);

        var call = Assert.Single(Server.Calls);
        Assert.Equal("PUT", call.Method);
        Assert.Equal("/amer/v3/conversations/a%3A1AbC_personal-chat%2BQ%2Fw%3D%3D/activities/1%3A1Xyz%2Fsent", call.RawTarget);
        Assert.Equal("Conversations_UpdateActivity",
            TeamsSpecs.AssertSwaggerOperation("PUT", call.RawTarget["/amer".Length..], JsonDocument.Parse(call.Body).RootElement).OperationId);
        AssertCallsFollowSpecs();
    }

    [Fact]
    public async Task CreateConversationAsync_PersonalChat_PostsParametersWithTenantThenSendWorks()
    {
        var known = Incoming().ToConversationReference();
        var parameters = ConversationParameters.PersonalChat(known.Bot, new TeamsAccount("29:1Other-user", "Zhang Wei", null), TeamsSamples.TenantId);

        var created = await Client.CreateConversationAsync(known.ServiceUrl, parameters);
        var newChat = known with { ConversationId = created.Id!, User = new TeamsAccount("29:1Other-user", "Zhang Wei", null) };
        await Client.SendToConversationAsync(newChat, newChat.CreateMessage("投诉 CMP-42 已升级给您"));

        Assert.Equal("a:created-1", created.Id);
        var (create, send) = (Server.Calls[0], Server.Calls[1]);
        Assert.Equal(("POST", "/amer/v3/conversations"), (create.Method, create.RawTarget));
        var body = JsonDocument.Parse(create.Body).RootElement;
        Assert.False(body.GetProperty("isGroup").GetBoolean());
        Assert.Equal(TeamsSamples.BotId, body.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal("29:1Other-user", body.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(TeamsSamples.TenantId, body.GetProperty("tenantId").GetString());
        Assert.Equal(TeamsSamples.TenantId, body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("/amer/v3/conversations/a%3Acreated-1/activities", send.RawTarget);
        AssertCallsFollowSpecs();
    }

    [Theory]
    [InlineData("http://connector.example/amer/")]
    [InlineData("ftp://127.0.0.1/amer/")]
    [InlineData("https://connector.example/amer/?x=1")]
    [InlineData("/amer/")]
    public async Task SendToConversationAsync_UnsafeServiceUrl_RefusedBeforeAnyCall(string serviceUrl)
    {
        var message = Incoming().ToConversationReference().CreateMessage("hi");

        await Assert.ThrowsAsync<ArgumentException>(() => Client.SendToConversationAsync(serviceUrl, TeamsSamples.ConversationId, message));

        Assert.Empty(Server.Calls);
        Assert.Empty(Server.TokenRequests);
    }
}
