using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.Chat;
using WealthActors.Bot.Channels.Teams;
using WealthActors.Bot.Channels.Teams.Chat;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Bot.Channels.WebChat;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;
using WealthActors.Privacy;

namespace WealthActors.Bot.Hosting;

public static class BotServiceCollectionExtensions
{
    /// <summary>
    /// The conversation engine, the web chat hub, the WeCom channel (configured from section <c>WeCom</c>; off
    /// while <c>WeCom:CorpId</c> is empty) and the Teams channel (section <c>Teams</c>; off while <c>Teams:AppId</c> is
    /// empty), each registered as an <see cref="IInboxPushChannel"/> so that employee grains push inbox messages to
    /// them. Needs an <see cref="IGrainFactory"/> and the read model's queries.
    /// </summary>
    public static IServiceCollection AddWealthActorsBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // A host that reads masking rules from its configuration registers them first; alone, the bot uses the defaults.
        services.TryAddSingleton(MaskingRules.Default);
        services.TryAddSingleton<IConversationEngine, ConversationEngine>();

        // Chat deliveries' keys and users' command rates run on the wall clock, like the channels' signatures and
        // tokens. A host with a database registers a durable IDeliveryDeduplication first, shared by its silos.
        services.TryAddSingleton<IDeliveryDeduplication>(_ => new MemoryDeliveryDeduplication(TimeProvider.System));
        services.TryAddSingleton(sp => new ChatCommandLimiter(TimeProvider.System, sp.GetRequiredService<IOptions<BotOptions>>()));

        services.TryAddSingleton<WebChatInboxHub>();
        services.AddSingleton<IInboxPushChannel>(sp => sp.GetRequiredService<WebChatInboxHub>());

        AddWeComChannel(services, configuration);
        AddTeamsChannel(services, configuration);
        return services;
    }

    private static void AddTeamsChannel(IServiceCollection services, IConfiguration configuration)
    {
        // Token lifetimes and retry waits run on the Bot Framework's wall clock, not on a faster demo business clock.
        services.TryAddKeyedSingleton(TeamsServiceCollectionExtensions.ClockKey, TimeProvider.System);
        services.AddTeams(configuration);
        services.AddOptions<TeamsDeliveryOptions>().Bind(configuration.GetSection(TeamsDeliveryOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsDeliveryOptions>, TeamsDeliveryOptionsValidator>());
        services.TryAddSingleton(sp => new TeamsOutbox(
            sp, sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<TeamsDeliveryOptions>>(),
            TeamsServiceCollectionExtensions.Clock(sp), sp.GetRequiredService<ILogger<TeamsOutbox>>()));
        services.AddHostedService(sp => sp.GetRequiredService<TeamsOutbox>());
        services.TryAddSingleton<TeamsContacts>();
        services.TryAddSingleton<TeamsProactiveSender>();
        services.TryAddSingleton<TeamsActivityHandler>();
        services.AddSingleton<IInboxPushChannel, TeamsInboxPushChannel>();
    }

    private static void AddWeComChannel(IServiceCollection services, IConfiguration configuration)
    {
        // Signatures, token lifetimes, the replay window and retry waits run on WeCom's wall clock, not on a faster
        // demo business clock.
        services.TryAddKeyedSingleton(WeComServiceCollectionExtensions.ClockKey, TimeProvider.System);
        services.AddWeCom(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeComOptions>, WeComIncompleteSettingsValidator>());

        services.AddOptions<WeComDeliveryOptions>().Bind(configuration.GetSection(WeComDeliveryOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeComDeliveryOptions>, WeComDeliveryOptionsValidator>());
        services.TryAddSingleton(sp => new WeComOutbox(
            sp, sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<WeComDeliveryOptions>>(),
            TimeProvider.System, sp.GetRequiredService<ILogger<WeComOutbox>>()));
        services.AddHostedService(sp => sp.GetRequiredService<WeComOutbox>());
        services.AddSingleton<IInboxPushChannel, WeComInboxPushChannel>();
        services.TryAddSingleton(sp => new WeComCallbackHandler(
            sp.GetRequiredService<WeComCrypto>(), sp.GetRequiredService<WeComReplayGuard>(), sp.GetRequiredService<IDeliveryDeduplication>(),
            sp.GetRequiredService<ChatCommandLimiter>(), sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IConversationEngine>(), sp.GetRequiredService<WeComOutbox>(), sp.GetRequiredService<IOptions<BotOptions>>(),
            TimeProvider.System, sp.GetRequiredService<ILogger<WeComCallbackHandler>>()));
    }
}
