using System.Text.Json.Nodes;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>What <c>/api/messages</c> answers the Connector: a status and, for an invoke, its JSON body.</summary>
public sealed record TeamsTurnResult(int StatusCode, JsonObject? Body = null)
{
    /// <summary>Received; any answer goes out through the Connector.</summary>
    public static readonly TeamsTurnResult Accepted = new(200);

    public static readonly TeamsTurnResult BadRequest = new(400);

    /// <summary>An invoke this bot does not handle, as the Bot Framework answers one.</summary>
    public static readonly TeamsTurnResult NotImplemented = new(501);

    /// <summary>The answer to an invoke (see <see cref="AdaptiveCardInvokeResponse"/>), which Teams waits for.</summary>
    public static TeamsTurnResult Invoke(JsonObject body) => new(200, body);
}
