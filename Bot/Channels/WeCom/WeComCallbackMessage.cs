namespace WealthActors.Bot.Channels.WeCom;

/// <summary>The outer callback body: <c>&lt;xml&gt;&lt;ToUserName/&gt;&lt;Encrypt/&gt;&lt;AgentID/&gt;&lt;/xml&gt;</c>.</summary>
public sealed record WeComEncryptedEnvelope(string ToUserName, string Encrypt, string? AgentId);

/// <summary>One answered question of a vote or multiple-choice template card.</summary>
public sealed record WeComSelectedItem(string QuestionKey, IReadOnlyList<string> OptionIds);

/// <summary>A decrypted callback: a user message (<c>MsgType</c> text, …) or an event (<c>MsgType</c> event).</summary>
public sealed record WeComCallbackMessage
{
    public const string TextType = "text";
    public const string EventType = "event";
    public const string TemplateCardEvent = "template_card_event";

    public required string MsgType { get; init; }

    /// <summary>The sender's WeCom UserID.</summary>
    public required string FromUserName { get; init; }

    /// <summary>The corp id.</summary>
    public required string ToUserName { get; init; }

    /// <summary>Unix seconds.</summary>
    public required long CreateTime { get; init; }

    public string? Content { get; init; }

    /// <summary>Present on user messages only; kept as text because it is an opaque 64-bit id.</summary>
    public string? MsgId { get; init; }

    public string? AgentId { get; init; }
    public string? Event { get; init; }
    public string? EventKey { get; init; }

    /// <summary>The <c>task_id</c> the card was sent with (template_card_event).</summary>
    public string? TaskId { get; init; }

    public string? CardType { get; init; }

    /// <summary>Single-use code for <c>update_template_card</c>, valid 72 hours (template_card_event).</summary>
    public string? ResponseCode { get; init; }

    public IReadOnlyList<WeComSelectedItem> SelectedItems { get; init; } = [];

    public bool IsText => MsgType == TextType;

    public bool IsTemplateCardEvent => MsgType == EventType && Event == TemplateCardEvent;

    /// <summary>
    /// Identity of the delivery for de-duplicating WeCom's retries. Events carry no MsgId; WeCom documents
    /// sender + CreateTime for them, and a card click also has its own single-use ResponseCode.
    /// </summary>
    public string DeduplicationKey =>
        MsgId is { Length: > 0 } ? $"msg:{MsgId}"
        : ResponseCode is { Length: > 0 } ? $"card:{ResponseCode}"
        : $"event:{FromUserName}:{CreateTime}:{Event}:{EventKey}";
}
