using System.Text.Json;
using System.Text.Json.Nodes;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>
/// Renders a <see cref="TeamsCardModel"/> as an Adaptive Card 1.5. Buttons are <c>Action.Execute</c> (Universal
/// Actions: the click arrives as an <c>adaptiveCard/action</c> invoke whose answer can replace the card) with an
/// <c>Action.Submit</c> fallback for hosts without Universal Actions (the click then arrives as a message whose
/// <c>value</c> holds the data). Both carry <c>{ "command": … }</c>; see <see cref="AdaptiveCardActions"/>.
/// </summary>
public static class AdaptiveCardBuilder
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string Version = "1.5";

    /// <summary>The key of the command inside an action's <c>data</c>.</summary>
    public const string CommandKey = "command";

    public static JsonObject BuildCard(TeamsCardModel card)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(card.Title);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = card.Title,
                ["weight"] = "Bolder",
                ["size"] = "Medium",
                ["wrap"] = true,
                ["style"] = "heading",
            },
        };
        if (!string.IsNullOrWhiteSpace(card.Subtitle))
        {
            body.Add(new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = card.Subtitle,
                ["wrap"] = true,
                ["isSubtle"] = true,
                ["spacing"] = "Small",
            });
        }

        // An empty FactSet renders as a gap, so a card without facts has none.
        if (card.Facts is { Count: > 0 })
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. card.Facts.Select(Fact)]),
            });
        }

        var result = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = SchemaUrl,
            ["version"] = Version,
            ["fallbackText"] = FallbackText(card),
            ["body"] = body,
        };
        if (card.Buttons is { Count: > 0 })
        {
            result["actions"] = new JsonArray([.. card.Buttons.Select(Execute)]);
        }

        return result;
    }

    /// <summary>The card as a message attachment.</summary>
    public static BotAttachment BuildAttachment(TeamsCardModel card) => new()
    {
        ContentType = ContentType,
        Content = JsonSerializer.SerializeToElement(BuildCard(card)),
    };

    private static JsonObject Fact(TeamsCardFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return new JsonObject { ["title"] = fact.Label, ["value"] = fact.Value };
    }

    private static JsonObject Execute(TeamsCardButton button)
    {
        ArgumentNullException.ThrowIfNull(button);
        ArgumentException.ThrowIfNullOrWhiteSpace(button.Title);
        ArgumentException.ThrowIfNullOrWhiteSpace(button.Command);
        return new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = button.Title,
            ["verb"] = button.Command,
            ["data"] = Data(button.Command),
            ["fallback"] = new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = button.Title,
                ["data"] = Data(button.Command),
            },
        };
    }

    private static JsonObject Data(string command) => new() { [CommandKey] = command };

    // Shown by clients older than 1.5 and read in notifications, so it carries the facts too.
    private static string FallbackText(TeamsCardModel card) =>
        string.Join('\n', new[] { card.Title, card.Subtitle }
            .Concat(card.Facts?.Select(f => $"{f.Label}: {f.Value}") ?? [])
            .Where(line => !string.IsNullOrWhiteSpace(line)));
}
