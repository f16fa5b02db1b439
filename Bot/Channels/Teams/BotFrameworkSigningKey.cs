using Microsoft.IdentityModel.Tokens;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>A key from the Bot Framework's JWKS with the channel ids it may sign for (its <c>endorsements</c>).</summary>
public sealed record BotFrameworkSigningKey(string KeyId, SecurityKey Key, IReadOnlySet<string> Endorsements)
{
    public bool Endorses(string channelId) => Endorsements.Contains(channelId);
}

/// <summary>Neither fresh nor recent enough signing keys could be loaded, so no token can be checked.</summary>
public sealed class BotFrameworkMetadataUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
