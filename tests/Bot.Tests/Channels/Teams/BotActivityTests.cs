using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using WealthActors.Bot.Channels.Teams;
using WealthActors.Channels;

namespace WealthActors.Bot.Tests.Channels.Teams;

public sealed class BotActivityTests
{
    [Fact]
    public void ParseActivity_TeamsMessage_ReadsTheModelledFields()
    {
        var activity = TeamsSamples.Parse(TeamsSamples.Message());

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal(TeamsSamples.MessageId, activity.Id);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 1, 0, 0, 123, TimeSpan.Zero), activity.Timestamp);
        Assert.Equal(BotFrameworkTokens.ServiceUrl, activity.ServiceUrl);
        Assert.Equal("msteams", activity.ChannelId);
        Assert.Equal((TeamsSamples.UserId, "Li Na", TeamsSamples.UserAadObjectId), (activity.From!.Id, activity.From.Name, activity.From.AadObjectId));
        Assert.Equal((TeamsSamples.ConversationId, "personal", TeamsSamples.TenantId),
            (activity.Conversation!.Id, activity.Conversation.ConversationType, activity.Conversation.TenantId));
        Assert.Equal(TeamsSamples.BotId, activity.Recipient!.Id);
        Assert.Equal("ack CMP-42", activity.Text);
        Assert.Equal(TeamsSamples.TenantId, activity.ChannelData!.Tenant!.Id);
        Assert.Equal(TeamsSamples.TenantId, activity.TenantId);
    }

    [Theory]
    [InlineData("message")]
    [InlineData("invoke")]
    [InlineData("submit")]
    public void Serialize_ParsedActivity_KeepsEveryFieldIncludingUnmodelledOnes(string sample)
    {
        var json = sample switch
        {
            "message" => TeamsSamples.Message(),
            "invoke" => TeamsSamples.ExecuteInvoke(),
            _ => TeamsSamples.SubmitMessage(),
        };

        var original = JsonNode.Parse(json)!.AsObject();
        var written = JsonNode.Parse(BotFrameworkJson.Serialize(TeamsSamples.Parse(json)))!.AsObject();

        // The timestamp is modelled as a DateTimeOffset, so only its instant has to survive, not its spelling.
        Assert.Equal(DateTimeOffset.Parse((string)original["timestamp"]!), DateTimeOffset.Parse((string)written["timestamp"]!));
        original.Remove("timestamp");
        written.Remove("timestamp");
        Assert.True(JsonNode.DeepEquals(original, written), written.ToJsonString());
    }

    [Theory]
    [InlineData("message")]
    [InlineData("invoke")]
    [InlineData("submit")]
    public void Samples_AsTeamsSendsThem_FitTheActivitySchema(string sample)
    {
        // The inbound shapes the tests rely on are themselves checked, so the samples cannot drift from the protocol.
        var json = sample switch
        {
            "message" => TeamsSamples.Message(),
            "invoke" => TeamsSamples.ExecuteInvoke(),
            _ => TeamsSamples.SubmitMessage(),
        };

        TeamsSpecs.AssertValidActivity(JsonDocument.Parse(json).RootElement);
    }

    [Fact]
    public void TenantId_OnlyInChannelData_ReadFromThere()
    {
        var activity = TeamsSamples.Parse(TeamsSamples.Message()) is var a
            ? a with { Conversation = a.Conversation! with { TenantId = null } }
            : null!;

        Assert.Equal(TeamsSamples.TenantId, activity.TenantId);
    }

    [Fact]
    public void ToConversationReference_TeamsMessage_HoldsWhatAProactiveSendNeeds()
    {
        var reference = TeamsSamples.Parse(TeamsSamples.Message()).ToConversationReference();

        Assert.Equal(
            new TeamsConversationReference(
                BotFrameworkTokens.ServiceUrl, "msteams", TeamsSamples.ConversationId,
                new TeamsAccount(TeamsSamples.BotId, "WealthActors", null),
                new TeamsAccount(TeamsSamples.UserId, "Li Na", TeamsSamples.UserAadObjectId),
                TeamsSamples.TenantId, "personal"),
            reference);
    }

    [Theory]
    [InlineData("serviceUrl")]
    [InlineData("channelId")]
    [InlineData("conversation")]
    [InlineData("from")]
    [InlineData("recipient")]
    public void ToConversationReference_FieldMissing_ThrowsNamingIt(string field)
    {
        var node = JsonNode.Parse(TeamsSamples.Message())!.AsObject();
        node.Remove(field);
        var activity = TeamsSamples.Parse(node.ToJsonString());

        var ex = Assert.Throws<ArgumentException>(() => activity.ToConversationReference());

        Assert.Contains(field, ex.Message);
    }

    [Fact]
    public void TeamsConversationReference_OrleansSerializer_RoundTrips()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var reference = TeamsSamples.Parse(TeamsSamples.Message()).ToConversationReference();

        var copy = serializer.Deserialize<TeamsConversationReference>(serializer.SerializeToArray(reference));

        Assert.Equal(reference, copy);
    }

    [Fact]
    public void TeamsConversationReference_Json_RoundTrips()
    {
        var reference = TeamsSamples.Parse(TeamsSamples.Message()).ToConversationReference();

        var copy = JsonSerializer.Deserialize<TeamsConversationReference>(BotFrameworkJson.Serialize(reference), BotFrameworkJson.Options);

        Assert.Equal(reference, copy);
    }

    [Fact]
    public void CreateReply_TeamsMessage_AddressedBackFromTheBotAndFitsTheSchema()
    {
        var incoming = TeamsSamples.Parse(TeamsSamples.Message());

        var reply = incoming.CreateReply("hello", [AdaptiveCardBuilder.BuildAttachment(AdaptiveCardBuilderTests.Escalation)]);

        Assert.Equal((TeamsSamples.BotId, TeamsSamples.UserId), (reply.From!.Id, reply.Recipient!.Id));
        Assert.Equal(TeamsSamples.MessageId, reply.ReplyToId);
        Assert.Equal(incoming.ServiceUrl, reply.ServiceUrl);
        Assert.Null(reply.AdditionalProperties);
        TeamsSpecs.AssertValidActivity(JsonSerializer.SerializeToElement(reply, BotFrameworkJson.Options));
    }

    [Fact]
    public void CreateReply_BotWithoutName_StillFitsTheSchema()
    {
        // The schema requires a name on every account; Teams does not always send the bot's.
        var node = JsonNode.Parse(TeamsSamples.Message())!.AsObject();
        node["recipient"]!.AsObject().Remove("name");

        var reply = TeamsSamples.Parse(node.ToJsonString()).CreateReply("hi");

        TeamsSpecs.AssertValidActivity(JsonSerializer.SerializeToElement(reply, BotFrameworkJson.Options));
    }

    [Fact]
    public void CreateMessage_StoredReference_ProactiveActivityFitsTheSchema()
    {
        var reference = TeamsSamples.Parse(TeamsSamples.Message()).ToConversationReference();

        var message = reference.CreateMessage("投诉 CMP-42 已超时");

        Assert.Null(message.ReplyToId);
        Assert.Equal(reference.ConversationId, message.Conversation!.Id);
        TeamsSpecs.AssertValidActivity(JsonSerializer.SerializeToElement(message, BotFrameworkJson.Options));
    }

    [Fact]
    public void SchemaCheck_ActivityBrokenOnPurpose_IsRejected()
    {
        // Guards the guard: an activity without a conversation, or an account without a name, breaks the schema.
        var reply = TeamsSamples.Parse(TeamsSamples.Message()).CreateReply("hi");

        Assert.NotEmpty(TeamsSpecs.ActivityErrors(JsonSerializer.SerializeToElement(reply with { Conversation = null }, BotFrameworkJson.Options)));
        Assert.NotEmpty(TeamsSpecs.ActivityErrors(JsonSerializer.SerializeToElement(
            reply with { From = new ChannelAccount { Id = TeamsSamples.BotId } }, BotFrameworkJson.Options)));
    }
}
