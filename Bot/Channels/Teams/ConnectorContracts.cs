using System.Text.Json;
using System.Text.Json.Serialization;
using WealthActors.Channels;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>The Connector's answer to a send, reply or update: the id of the activity it stored.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>The Connector's answer to CreateConversation.</summary>
public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);

/// <summary>The body of CreateConversation (swagger <c>ConversationParameters</c>).</summary>
public sealed record ConversationParameters
{
    public bool IsGroup { get; init; }
    public required ChannelAccount Bot { get; init; }
    public required IReadOnlyList<ChannelAccount> Members { get; init; }
    public string? TopicName { get; init; }
    public string? TenantId { get; init; }
    public TeamsChannelData? ChannelData { get; init; }

    /// <summary>
    /// A one-to-one chat between the bot and one person of a tenant, which Teams requires before the bot can write to
    /// someone who never wrote to it. The tenant goes both in <c>tenantId</c> and in <c>channelData.tenant</c>.
    /// </summary>
    public static ConversationParameters PersonalChat(TeamsAccount bot, TeamsAccount user, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return new ConversationParameters
        {
            IsGroup = false,
            Bot = bot.ToChannelAccount(),
            Members = [user.ToChannelAccount()],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new TeamsTenantInfo(tenantId) },
        };
    }
}

/// <summary>The Connector's error body (swagger <c>ErrorResponse</c>).</summary>
internal sealed record ConnectorErrorResponse(ConnectorError? Error);

internal sealed record ConnectorError(string? Code, string? Message);

/// <summary>The token endpoint's answer to a client-credentials grant.</summary>
internal sealed record TokenEndpointResponse(
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    // Entra v2 sends a number; older endpoints sent the number as a string.
    [property: JsonPropertyName("expires_in")] JsonElement ExpiresIn);
