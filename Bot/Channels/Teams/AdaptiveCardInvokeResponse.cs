using System.Text.Json.Nodes;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>
/// Bodies for the HTTP 200 answer to an <c>adaptiveCard/action</c> invoke. Teams shows the result in place of the
/// clicked card (a card), as a toast (a message) or as an error, and waits for it, so answer within a few seconds.
/// </summary>
public static class AdaptiveCardInvokeResponse
{
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>Replaces the clicked card with <paramref name="card"/> (for example one without the used buttons).</summary>
    public static JsonObject Card(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Body(200, AdaptiveCardBuilder.ContentType, card.DeepClone());
    }

    public static JsonObject Card(TeamsCardModel card) => Body(200, AdaptiveCardBuilder.ContentType, AdaptiveCardBuilder.BuildCard(card));

    /// <summary>Keeps the card and shows <paramref name="text"/> briefly.</summary>
    public static JsonObject Message(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Body(200, MessageType, JsonValue.Create(text));
    }

    /// <summary>Reports a failure; use a 4xx or 5xx <paramref name="statusCode"/>.</summary>
    public static JsonObject Error(int statusCode, string code, string message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        return Body(statusCode, ErrorType, new JsonObject { ["code"] = code, ["message"] = message });
    }

    private static JsonObject Body(int statusCode, string type, JsonNode? value) =>
        new() { ["statusCode"] = statusCode, ["type"] = type, ["value"] = value };
}
