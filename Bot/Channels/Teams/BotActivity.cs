using System.Text.Json;
using System.Text.Json.Serialization;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>
/// The Bot Framework activity fields the bot reads or writes. Fields it does not model (entities, locale, …) are kept
/// in <see cref="AdditionalProperties"/>, so an activity read and written again loses nothing.
/// </summary>
public sealed record BotActivity
{
    public required string Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? TextFormat { get; init; }
    public string? Text { get; init; }

    /// <summary>Card input: the <c>Action.Submit</c> data on a message, or <c>{ action, trigger }</c> on an invoke.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>The invoke or event name, such as <c>adaptiveCard/action</c>.</summary>
    public string? Name { get; init; }

    public string? ReplyToId { get; init; }
    public IReadOnlyList<BotAttachment>? Attachments { get; init; }
    public TeamsChannelData? ChannelData { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }

    /// <summary>The tenant of the conversation: Teams puts it on the conversation and in the channel data.</summary>
    [JsonIgnore]
    public string? TenantId => Conversation?.TenantId ?? ChannelData?.Tenant?.Id;
}

/// <summary>A user or bot. The activity schema requires <see cref="Name"/> on outbound accounts.</summary>
public sealed record ChannelAccount
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

public sealed record ConversationAccount
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public bool? IsGroup { get; init; }

    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c> in Teams.</summary>
    public string? ConversationType { get; init; }

    public string? TenantId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

public sealed record BotAttachment
{
    public required string ContentType { get; init; }
    public JsonElement? Content { get; init; }
    public string? ContentUrl { get; init; }
    public string? Name { get; init; }
}

/// <summary>Teams' <c>channelData</c>; only the tenant is modelled, the team, channel and event data are preserved.</summary>
public sealed record TeamsChannelData
{
    public TeamsTenantInfo? Tenant { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

public sealed record TeamsTenantInfo(string Id);
