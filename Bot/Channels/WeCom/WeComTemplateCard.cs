using System.Text.Json.Serialization;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// A <c>button_interaction</c> template card. A click comes back as a <c>template_card_event</c> carrying
/// <see cref="TaskId"/> and the button's <see cref="WeComCardButton.Key"/>.
/// </summary>
/// <param name="TaskId">Unique per app; 1-128 of letters, digits and "_-@".</param>
/// <param name="Buttons">One to six buttons.</param>
public sealed record WeComButtonCard(string TaskId, WeComCardTitle MainTitle, IReadOnlyList<WeComCardButton> Buttons)
{
    /// <summary>Small grey line above the title, e.g. the product name.</summary>
    public string? SourceDesc { get; init; }

    public string? SubTitleText { get; init; }

    /// <summary>Up to six key/value lines.</summary>
    public IReadOnlyList<WeComCardField> HorizontalContent { get; init; } = [];

    /// <summary>Only for <c>update_template_card</c>: shows a grey, disabled button with this text instead of the buttons.</summary>
    public string? ReplaceText { get; init; }
}

public sealed record WeComCardTitle(string Title, string? Desc = null);

/// <param name="Style">1 to 4; WeCom falls back to 1 for anything else.</param>
public sealed record WeComCardButton(string Text, string Key, int Style = 1);

public sealed record WeComCardField(
    [property: JsonPropertyName("keyname")] string KeyName,
    string Value);

/// <summary>What <c>message/send</c> returned.</summary>
/// <param name="ResponseCode">For template cards: single-use code for <c>update_template_card</c>, valid 72 hours.</param>
/// <param name="InvalidUsers">Recipients WeCom could not deliver to; the send still succeeded for the others.</param>
public sealed record WeComSendResult(string? MsgId, string? ResponseCode, IReadOnlyList<string> InvalidUsers);
