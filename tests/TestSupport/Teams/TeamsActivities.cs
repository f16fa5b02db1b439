using System.Text.Json.Nodes;

namespace WealthActors.Testing.Teams;

/// <summary>A Teams user in a personal chat with the bot, and the activities Teams sends on their behalf.</summary>
/// <param name="ObjectId">The user's Microsoft Entra object id (<c>from.aadObjectId</c>).</param>
/// <param name="ConversationId">Holds ':', '+', '/' and '=' like real ids, so the Connector URLs need encoding.</param>
public sealed record TeamsUser(string ObjectId, string Name, string ServiceUrl, string ConversationType = "personal")
{
    public const string TenantId = "3c1a9f0e-5b7d-4e2a-9c11-7d0b8e6f4a21";
    public const string BotId = "28:" + BotFrameworkTokens.AppId;

    public string UserId { get; } = $"29:1{Guid.NewGuid():N}";

    public string ConversationId { get; init; } = $"a:1{Guid.NewGuid():N}+Q/w==";

    public JsonObject Message(string text) => Activity("message", new JsonObject { ["text"] = text, ["textFormat"] = "plain" });

    /// <summary>An Action.Submit click (the fallback of Action.Execute) on the card whose activity id is <paramref name="cardActivityId"/>.</summary>
    public JsonObject Submit(string command, string cardActivityId) => Activity("message", new JsonObject
    {
        ["replyToId"] = cardActivityId,
        ["value"] = new JsonObject { ["command"] = command },
    });

    /// <summary>An Action.Execute click: an <c>adaptiveCard/action</c> invoke carrying the button's verb and data.</summary>
    public JsonObject Execute(string verb, JsonNode data) => Activity("invoke", new JsonObject
    {
        ["name"] = "adaptiveCard/action",
        ["replyToId"] = $"1:{Guid.NewGuid():N}",
        ["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "b1", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        },
    });

    /// <summary>An activity of a type the bot does not act on, such as <c>typing</c>.</summary>
    public JsonObject Other(string type) => Activity(type, []);

    public JsonObject Invoke(string name) => Activity("invoke", new JsonObject { ["name"] = name, ["value"] = new JsonObject() });

    /// <summary>The bot added to this personal chat, as Teams announces an installation.</summary>
    public JsonObject BotAdded() => Activity("conversationUpdate", new JsonObject
    {
        ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId }),
    });

    private JsonObject Activity(string type, JsonObject fields)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}{Random.Shared.Next(100, 999)}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = ServiceUrl,
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = Name, ["aadObjectId"] = ObjectId },
            ["conversation"] = new JsonObject { ["conversationType"] = ConversationType, ["tenantId"] = TenantId, ["id"] = ConversationId },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "WealthActors" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = "zh-CN",
        };
        foreach (var (key, value) in fields)
        {
            activity[key] = value?.DeepClone();
        }

        return activity;
    }
}
