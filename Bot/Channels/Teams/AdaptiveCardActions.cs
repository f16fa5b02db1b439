using System.Text.Json;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>A card button click, however it arrived.</summary>
/// <param name="Command">The command the button stands for (the data's <c>command</c>, else the verb).</param>
/// <param name="Verb">The <c>Action.Execute</c> verb; null for an <c>Action.Submit</c>.</param>
/// <param name="Data">The action data merged with any card inputs, as sent.</param>
/// <param name="IsInvoke">True for an <c>adaptiveCard/action</c> invoke, which must be answered in the HTTP response.</param>
public sealed record AdaptiveCardAction(string Command, string? Verb, JsonElement? Data, bool IsInvoke);

/// <summary>Reads card clicks: <c>Action.Execute</c> invokes and <c>Action.Submit</c> messages.</summary>
public static class AdaptiveCardActions
{
    public static bool IsActionInvoke(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Invoke && activity.Name == ActivityTypes.AdaptiveCardActionInvoke;
    }

    /// <summary>Either kind of click, or null when the activity is no click (plain text, another invoke, malformed value).</summary>
    public static AdaptiveCardAction? TryParse(BotActivity activity) => TryParseInvoke(activity) ?? TryParseSubmit(activity);

    /// <summary>
    /// An <c>adaptiveCard/action</c> invoke: <c>value = { action: { type: "Action.Execute", verb, data }, trigger }</c>.
    /// </summary>
    public static AdaptiveCardAction? TryParseInvoke(BotActivity activity)
    {
        if (!IsActionInvoke(activity)
            || activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
            || Text(action, "type") != "Action.Execute"
            || Text(action, "verb") is not { Length: > 0 } verb)
        {
            return null;
        }

        JsonElement? data = action.TryGetProperty("data", out var d) ? d.Clone() : null;
        var command = data is { } present ? CommandIn(present) : null;
        return new AdaptiveCardAction(command ?? verb, verb, data, IsInvoke: true);
    }

    /// <summary>An <c>Action.Submit</c> click: a message whose <c>value</c> holds the data, with a <c>command</c>.</summary>
    public static AdaptiveCardAction? TryParseSubmit(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type != ActivityTypes.Message || activity.Value is not { } value || CommandIn(value) is not { } command)
        {
            return null;
        }

        return new AdaptiveCardAction(command, null, value.Clone(), IsInvoke: false);
    }

    private static string? CommandIn(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && Text(data, AdaptiveCardBuilder.CommandKey) is { Length: > 0 } command
            ? command
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
