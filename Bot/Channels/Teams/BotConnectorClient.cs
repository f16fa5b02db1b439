using WealthActors.Bot.Channels.Chat;
using WealthActors.Channels;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>
/// The Bot Connector REST API (v3) operations the bot uses, on the service address each activity names (typed
/// HttpClient without a base address). Every call carries the bot's client-credentials token, passes the
/// per-conversation <see cref="ConversationRateLimiter"/>; a refused token (401) is renewed once. 429 (after its
/// Retry-After), 412 and 5xx answers are retried by the client's resilience handler (see <see cref="ChatHttpResilience"/>).
/// </summary>
public sealed partial class BotConnectorClient(
    HttpClient httpClient,
    BotConnectorTokenProvider tokens,
    ConversationRateLimiter rateLimiter,
    TimeProvider timeProvider)
{
    /// <summary>The first try and the transport's retries.</summary>
    public const int MaxAttempts = ChatHttpResilience.MaxRetries + 1;

    /// <summary>A longer Retry-After ends the call with <see cref="BotConnectorException.RetryAfter"/> set instead of blocking it.</summary>
    public static readonly TimeSpan MaxRetryAfter = ChatHttpResilience.MaxRetryAfter;

    /// <summary>Replies to the activity named by <paramref name="reply"/>'s <c>replyToId</c>, as built by <see cref="BotActivityExtensions.CreateReply"/>.</summary>
    public Task<ResourceResponse> ReplyToActivityAsync(BotActivity reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return ReplyToActivityAsync(
            reply.ServiceUrl ?? throw new ArgumentException("The reply has no serviceUrl.", nameof(reply)),
            reply.Conversation?.Id ?? throw new ArgumentException("The reply has no conversation.", nameof(reply)),
            reply.ReplyToId ?? throw new ArgumentException("The reply has no replyToId.", nameof(reply)),
            reply,
            cancellationToken);
    }

    /// <summary><c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c> (Conversations_ReplyToActivity).</summary>
    public Task<ResourceResponse> ReplyToActivityAsync(
        string serviceUrl, string conversationId, string replyToId, BotActivity activity,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(replyToId);
        ArgumentNullException.ThrowIfNull(activity);
        var url = ConnectorRoutes.Activity(serviceUrl, conversationId, replyToId);
        return SendAsync<ResourceResponse>("ReplyToActivity", HttpMethod.Post, url, activity, conversationId, cancellationToken);
    }

    /// <summary><c>POST {serviceUrl}/v3/conversations/{conversationId}/activities</c> (Conversations_SendToConversation).</summary>
    public Task<ResourceResponse> SendToConversationAsync(
        string serviceUrl, string conversationId, BotActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        var url = ConnectorRoutes.Activities(serviceUrl, conversationId);
        return SendAsync<ResourceResponse>("SendToConversation", HttpMethod.Post, url, activity, conversationId, cancellationToken);
    }

    /// <summary>A proactive message into a stored conversation (see <see cref="BotActivityExtensions.CreateMessage"/>).</summary>
    public Task<ResourceResponse> SendToConversationAsync(
        TeamsConversationReference reference, BotActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken);
    }

    /// <summary><c>PUT {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}</c> (Conversations_UpdateActivity).</summary>
    public Task<ResourceResponse> UpdateActivityAsync(
        string serviceUrl, string conversationId, string activityId, BotActivity activity,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        var url = ConnectorRoutes.Activity(serviceUrl, conversationId, activityId);
        return SendAsync<ResourceResponse>("UpdateActivity", HttpMethod.Put, url, activity, conversationId, cancellationToken);
    }

    /// <summary>
    /// <c>POST {serviceUrl}/v3/conversations</c> (Conversations_CreateConversation): opens (or returns the existing)
    /// one-to-one chat, typically from <see cref="ConversationParameters.PersonalChat"/>; then send into the returned id.
    /// </summary>
    public Task<ConversationResourceResponse> CreateConversationAsync(
        string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var url = ConnectorRoutes.Conversations(serviceUrl);
        // Creations have their own limit in Teams; the key cannot collide with a conversation id, which has no spaces.
        return SendAsync<ConversationResourceResponse>(
            "CreateConversation", HttpMethod.Post, url, parameters, $"create conversation {url.Authority}", cancellationToken);
    }
}
