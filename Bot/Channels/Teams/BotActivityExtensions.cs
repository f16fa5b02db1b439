using WealthActors.Channels;

namespace WealthActors.Bot.Channels.Teams;

public static class BotActivityExtensions
{
    /// <summary>
    /// The reference to keep for proactive messages: call it on an activity that passed
    /// <see cref="BotFrameworkTokenValidator"/>, because its <c>serviceUrl</c> receives the bot's access token later.
    /// </summary>
    /// <exception cref="ArgumentException">The activity lacks a field a reference needs; the message names it.</exception>
    public static TeamsConversationReference ToConversationReference(this BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var bot = activity.Recipient ?? throw Missing("recipient");
        var user = activity.From ?? throw Missing("from");
        return new TeamsConversationReference(
            Required(activity.ServiceUrl, "serviceUrl"),
            Required(activity.ChannelId, "channelId"),
            Required(activity.Conversation?.Id, "conversation.id"),
            new TeamsAccount(Required(bot.Id, "recipient.id"), bot.Name ?? string.Empty, bot.AadObjectId),
            new TeamsAccount(Required(user.Id, "from.id"), user.Name ?? string.Empty, user.AadObjectId),
            activity.TenantId,
            activity.Conversation?.ConversationType);
    }

    /// <summary>
    /// A message answering <paramref name="incoming"/>: same conversation and channel, from the bot to the sender.
    /// Send it with <see cref="BotConnectorClient.ReplyToActivityAsync(BotActivity, CancellationToken)"/>.
    /// </summary>
    public static BotActivity CreateReply(
        this BotActivity incoming, string? text, IReadOnlyList<BotAttachment>? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var conversation = incoming.Conversation ?? throw Missing("conversation");
        return new BotActivity
        {
            Type = ActivityTypes.Message,
            ChannelId = Required(incoming.ChannelId, "channelId"),
            ServiceUrl = incoming.ServiceUrl,
            From = Outbound(incoming.Recipient ?? throw Missing("recipient")),
            Recipient = Outbound(incoming.From ?? throw Missing("from")),
            Conversation = new ConversationAccount
            {
                Id = conversation.Id,
                ConversationType = conversation.ConversationType,
                TenantId = incoming.TenantId,
                IsGroup = conversation.IsGroup,
            },
            ReplyToId = incoming.Id,
            Text = text,
            Attachments = NullIfEmpty(attachments),
        };
    }

    /// <summary>A message from the bot to the person in a stored conversation, for a proactive send.</summary>
    public static BotActivity CreateMessage(
        this TeamsConversationReference reference, string? text, IReadOnlyList<BotAttachment>? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new BotActivity
        {
            Type = ActivityTypes.Message,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            From = ToChannelAccount(reference.Bot),
            Recipient = ToChannelAccount(reference.User),
            Conversation = new ConversationAccount
            {
                Id = reference.ConversationId,
                ConversationType = reference.ConversationType,
                TenantId = reference.TenantId,
            },
            Text = text,
            Attachments = NullIfEmpty(attachments),
        };
    }

    public static ChannelAccount ToChannelAccount(this TeamsAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ChannelAccount { Id = account.Id, Name = account.Name, AadObjectId = account.AadObjectId };
    }

    // The activity schema requires a name on every account; Teams sometimes omits it for the bot.
    private static ChannelAccount Outbound(ChannelAccount account) =>
        new() { Id = account.Id, Name = account.Name ?? string.Empty, AadObjectId = account.AadObjectId };

    private static IReadOnlyList<BotAttachment>? NullIfEmpty(IReadOnlyList<BotAttachment>? attachments) =>
        attachments is { Count: > 0 } ? attachments : null;

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw Missing(field) : value;

    private static ArgumentException Missing(string field) =>
        new($"The activity has no {field}.");
}
