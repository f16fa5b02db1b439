namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Turns a <see cref="WeComButtonCard"/> into WeCom's JSON shape, refusing what WeCom would refuse with an errcode
/// only after the token round trip.
/// </summary>
internal static class WeComTemplateCardMapper
{
    private const int MaxButtons = 6;
    private const int MaxFields = 6;
    private const int MaxTaskIdLength = 128;

    public static TemplateCardPayload ToPayload(WeComButtonCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrEmpty(card.MainTitle?.Title, nameof(card));
        if (card.TaskId is not { Length: > 0 and <= MaxTaskIdLength }
            || !card.TaskId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@'))
        {
            throw new ArgumentException($"TaskId must be 1-{MaxTaskIdLength} letters, digits or '_-@'.", nameof(card));
        }

        if (card.Buttons is not { Count: > 0 and <= MaxButtons }
            || card.Buttons.Any(b => string.IsNullOrEmpty(b.Text) || string.IsNullOrEmpty(b.Key)))
        {
            throw new ArgumentException($"A card needs 1-{MaxButtons} buttons, each with text and key.", nameof(card));
        }

        if (card.HorizontalContent.Count > MaxFields)
        {
            throw new ArgumentException($"A card shows at most {MaxFields} key/value lines.", nameof(card));
        }

        return new TemplateCardPayload(
            CardType: "button_interaction",
            Source: card.SourceDesc is null ? null : new CardSource(card.SourceDesc),
            MainTitle: card.MainTitle,
            SubTitleText: card.SubTitleText,
            HorizontalContentList: card.HorizontalContent.Count == 0 ? null : card.HorizontalContent,
            TaskId: card.TaskId,
            ButtonList: card.Buttons,
            ReplaceText: card.ReplaceText);
    }
}
