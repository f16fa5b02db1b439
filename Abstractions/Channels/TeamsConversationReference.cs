namespace WealthActors.Channels;

/// <summary>
/// Where to reach a person in Microsoft Teams without waiting for them to write first: the Bot Connector service
/// address and the conversation that the bot and the person share. Taken from an authenticated incoming activity, so
/// the <see cref="ServiceUrl"/> is one the Bot Framework itself named; never build one from user input, because the
/// bot's access token is sent to that address.
/// </summary>
/// <param name="ServiceUrl">The Connector base address from the activity (<c>serviceUrl</c>); it can change, so keep the newest.</param>
/// <param name="ChannelId">The Bot Framework channel, <c>msteams</c> for Teams.</param>
/// <param name="ConversationId">The conversation id (<c>a:…</c> for a personal chat, <c>19:…</c> for a channel or group chat).</param>
/// <param name="Bot">The bot's account in that conversation (<c>28:&lt;app id&gt;</c>).</param>
/// <param name="User">The person's account (<c>29:…</c>), with the Entra object id when Teams sent it.</param>
/// <param name="TenantId">The Microsoft Entra tenant; required to create a conversation with the person.</param>
/// <param name="ConversationType"><c>personal</c>, <c>groupChat</c> or <c>channel</c>, when Teams sent it.</param>
[GenerateSerializer, Immutable, Alias("WealthActors.TeamsConversationReference")]
public sealed record TeamsConversationReference(
    [property: Id(0)] string ServiceUrl,
    [property: Id(1)] string ChannelId,
    [property: Id(2)] string ConversationId,
    [property: Id(3)] TeamsAccount Bot,
    [property: Id(4)] TeamsAccount User,
    [property: Id(5)] string? TenantId,
    [property: Id(6)] string? ConversationType);

/// <summary>An account in a Teams conversation. <see cref="Name"/> is empty when Teams did not send one.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.TeamsAccount")]
public sealed record TeamsAccount(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? AadObjectId);
