using System.Text.Json;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Silo.Tests.Bot;

/// <summary>Holds what reached the fake Connector to the Bot Framework's published contracts.</summary>
public static class TeamsConnectorChecks
{
    /// <summary>
    /// The call is a swagger operation with a body that fits it, carries a Connector bearer token, and what it sends
    /// fits the activity schema with every Adaptive Card fitting the card schema. Returns the operation id.
    /// </summary>
    public static string AssertFollowsSpecs(ConnectorCall call)
    {
        Assert.StartsWith("Bearer token-", call.Authorization);
        Assert.StartsWith(FakeBotConnector.ServicePath, call.RawTarget);
        var body = JsonDocument.Parse(call.Body).RootElement;
        var (operation, _) = TeamsSpecs.AssertSwaggerOperation(call.Method, call.RawTarget[(FakeBotConnector.ServicePath.Length - 1)..], body);
        // The activity schema's ConversationParameters demands an initial activity the swagger makes optional; Teams
        // creates the chat first and takes the message in a second call, so only the accounts are held to the schema.
        if (operation == "Conversations_CreateConversation")
        {
            Assert.Empty(TeamsSpecs.ActivitySchemaDefinitionErrors("ChannelAccount", body.GetProperty("bot")));
            Assert.All(body.GetProperty("members").EnumerateArray(), m => Assert.Empty(TeamsSpecs.ActivitySchemaDefinitionErrors("ChannelAccount", m)));
            return operation;
        }

        TeamsSpecs.AssertValidActivity(body);
        foreach (var card in Cards(body))
        {
            TeamsSpecs.AssertValidCard(card);
        }

        return operation;
    }

    /// <summary>The Adaptive Cards attached to an activity.</summary>
    public static IReadOnlyList<JsonElement> Cards(JsonElement activity) =>
        activity.TryGetProperty("attachments", out var attachments)
            ? [.. attachments.EnumerateArray()
                .Where(a => a.GetProperty("contentType").GetString() == AdaptiveCardBuilder.ContentType)
                .Select(a => a.GetProperty("content"))]
            : [];
}
