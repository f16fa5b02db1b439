using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.Teams;

public static class TeamsServiceCollectionExtensions
{
    // The metadata, JWKS and token answers are small; a cap keeps a misbehaving endpoint from filling memory.
    private const int MaxIdentityResponseBytes = 256 * 1024;
    private static readonly TimeSpan IdentityTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ConnectorTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Binds and validates section <c>Teams</c> and registers the protocol services: the token validator and its key
    /// cache, the Connector token provider, the per-conversation rate limiter and the typed
    /// <see cref="BotConnectorClient"/>. Everything is registered even when the channel is disabled; check
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
        services.AddHttpClient(BotConnectorTokenProvider.HttpClientName, IdentityClient);
        services.TryAddSingleton<BotFrameworkSigningKeyCache>();
        services.TryAddSingleton<BotFrameworkTokenValidator>();
        services.TryAddSingleton<BotConnectorTokenProvider>();
        services.TryAddSingleton(sp => new ConversationRateLimiter(sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<BotConnectorClient>(http => http.Timeout = ConnectorTimeout);
        return services;
    }

    private static void IdentityClient(HttpClient http)
    {
        http.Timeout = IdentityTimeout;
        http.MaxResponseContentBufferSize = MaxIdentityResponseBytes;
    }
}
