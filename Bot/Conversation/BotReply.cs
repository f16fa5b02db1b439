namespace WealthActors.Bot.Conversation;

/// <summary>What a command achieved, so a channel can decide how to show it (e.g. grey out a clicked card).</summary>
public enum BotOutcome
{
    /// <summary>Information was shown; nothing changed.</summary>
    Info = 0,

    /// <summary>The command changed something.</summary>
    Done = 1,

    /// <summary>The command lacks something the user must add (an id, a text, a choice among several matches).</summary>
    NeedsInput = 2,

    /// <summary>The command was understood but refused: not allowed, not found, or not possible in the current state.</summary>
    Refused = 3,
}

/// <summary>A channel-agnostic answer: a short text plus an optional card.</summary>
public sealed record BotReply(string Text, BotOutcome Outcome = BotOutcome.Info, BotCard? Card = null)
{
    /// <summary>
    /// For a change: a label of a few characters ("已受理") that a channel may show in place of a clicked card's
    /// buttons.
    /// </summary>
    public string? Badge { get; init; }
}

/// <summary>A small card: a title, a few facts and buttons; each button carries the command it sends.</summary>
public sealed record BotCard(string Title, IReadOnlyList<BotFact> Facts, IReadOnlyList<BotButton> Buttons)
{
    /// <summary>Optional line under the title.</summary>
    public string? Subtitle { get; init; }
}

public sealed record BotFact(string Name, string Value);

/// <param name="Command">The text the button sends, exactly as a person could type it (e.g. <c>受理 CMP-…</c>).</param>
public sealed record BotButton(string Text, string Command);
