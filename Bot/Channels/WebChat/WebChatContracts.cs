using WealthActors.Bot.Conversation;

namespace WealthActors.Bot.Channels.WebChat;

/// <summary>
/// A message typed (or a button clicked) in the web console, as the signed-in person. <see cref="EmployeeId"/> may be
/// left out; given, it must be the person's own.
/// </summary>
public sealed record WebChatMessageRequest(string? EmployeeId, string? Text);

/// <summary>The engine's reply as the web console renders it.</summary>
public sealed record WebChatReply(string Text, string Outcome, WebChatCard? Card)
{
    public static WebChatReply From(BotReply reply) => new(
        reply.Text,
        reply.Outcome.ToString(),
        reply.Card is { } card ? WebChatCard.From(card) : null);
}

public sealed record WebChatCard(string Title, string? Subtitle, IReadOnlyList<BotFact> Facts, IReadOnlyList<BotButton> Buttons)
{
    public static WebChatCard From(BotCard card) => new(card.Title, card.Subtitle, card.Facts, card.Buttons);
}
