using WealthActors.Bot.Conversation;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>The conversation engine's cards as Adaptive Cards: every button becomes an Action.Execute carrying its command.</summary>
public static class TeamsCards
{
    public static TeamsCardModel ToModel(BotCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new TeamsCardModel(
            card.Title,
            [.. card.Facts.Select(f => new TeamsCardFact(f.Name, f.Value))],
            [.. card.Buttons.Select(b => new TeamsCardButton(b.Text, b.Command))])
        {
            Subtitle = card.Subtitle,
        };
    }

    /// <summary>The reply's card as a message attachment, or null for a text-only reply.</summary>
    public static IReadOnlyList<BotAttachment>? Attachments(BotReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Card is { } card ? [AdaptiveCardBuilder.BuildAttachment(ToModel(card))] : null;
    }

    /// <summary>An escalation or warning as pushed to Teams, with bilingual button labels.</summary>
    public static TeamsCardModel ForInbox(InboxMessage message) => ToModel(InboxCards.For(message, bilingualButtons: true));

    /// <summary>
    /// What replaces a clicked card: the case as it is now with its next steps, under a line saying what the click
    /// did and who clicked (a change) or why nothing happened (a refusal). A reply without a card becomes a card of
    /// its text, so the old buttons disappear either way.
    /// </summary>
    public static TeamsCardModel AfterClick(BotReply reply, string clickerName)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var status = reply.Outcome == BotOutcome.Done ? $"✓ {reply.Badge ?? reply.Text} · {clickerName}" : reply.Text;
        return reply.Card is { } card
            ? ToModel(card) with { Subtitle = status }
            : new TeamsCardModel(reply.Badge ?? "WealthActors", [], []) { Subtitle = status };
    }
}
