using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Holds the app's access token (see <see cref="AccessTokenCache"/>). A singleton of its own type, because the typed
/// <see cref="WeComApiClient"/> is transient and WeCom rate-limits <c>gettoken</c>; the client supplies the fetch.
/// </summary>
public sealed class WeComAccessTokenCache(TimeProvider timeProvider) : AccessTokenCache(timeProvider);
