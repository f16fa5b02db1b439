using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Channels.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>The service key of the clock the protocol runs on (see <see cref="Clock"/>).</summary>
    public const string ClockKey = "WealthActors.Teams.Clock";

    // The metadata, JWKS and token answers are small; a cap keeps a misbehaving endpoint from filling memory.
    private const int MaxIdentityResponseBytes = 256 * 1024;
    private static readonly TimeSpan IdentityTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Binds and validates section <c>Teams</c> and registers the protocol services: the token validator and its key
    /// cache, the Connector token provider, the per-conversation rate limiter and the typed
    /// <see cref="BotConnectorClient"/> with its transport retries (<see cref="ChatHttpResilience"/>). Everything is registered even when the channel is disabled; check
    /// <see cref="TeamsOptions.Enabled"/> before mapping <c>/api/messages</c>.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        services.AddHttpClient(BotFrameworkSigningKeyCache.HttpClientName, IdentityClient);
        // The token request is retried like a Connector call; the metadata fetch is not: it happens while an inbound
        // activity waits, and the key cache has its own policy for failures (stale keys, a backoff between fetches).
        services.AddHttpClient(BotConnectorTokenProvider.HttpClientName, IdentityClient)
            .AddChatRetries(Clock, ChatHttpResilience.IsTransientStatus);
        services.TryAddSingleton(sp => new BotFrameworkSigningKeyCache(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<TeamsOptions>>(), Clock(sp),
            sp.GetRequiredService<ILogger<BotFrameworkSigningKeyCache>>()));
        services.TryAddSingleton(sp => new BotFrameworkTokenValidator(
            sp.GetRequiredService<BotFrameworkSigningKeyCache>(), sp.GetRequiredService<IOptions<TeamsOptions>>(), Clock(sp),
            sp.GetRequiredService<ILogger<BotFrameworkTokenValidator>>()));
        services.TryAddSingleton(sp => new BotConnectorTokenProvider(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<TeamsOptions>>(), Clock(sp),
            sp.GetRequiredService<ILogger<BotConnectorTokenProvider>>()));
        services.TryAddSingleton(sp => new ConversationRateLimiter(Clock(sp)));
        services.AddHttpClient<BotConnectorClient, BotConnectorClient>((http, sp) => new BotConnectorClient(
                http, sp.GetRequiredService<BotConnectorTokenProvider>(), sp.GetRequiredService<ConversationRateLimiter>(), Clock(sp)))
            .AddChatRetries(Clock, BotConnectorClient.IsTransient);
        return services;
    }

    /// <summary>
    /// Token lifetimes, key refreshes, rate windows and retry waits follow the Bot Framework's own clock. A host whose
    /// <see cref="TimeProvider"/> is a faster business clock (a demo) registers the wall clock under this key;
    /// otherwise the host's <see cref="TimeProvider"/> is used, which lets tests drive everything with a fake one.
    /// </summary>
    public static TimeProvider Clock(IServiceProvider services) =>
        services.GetKeyedService<TimeProvider>(ClockKey) ?? services.GetRequiredService<TimeProvider>();

    private static void IdentityClient(HttpClient http)
    {
        http.Timeout = IdentityTimeout;
        http.MaxResponseContentBufferSize = MaxIdentityResponseBytes;
    }
}
