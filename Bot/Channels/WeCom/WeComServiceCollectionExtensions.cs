using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Channels.WeCom;

public static class WeComServiceCollectionExtensions
{
    /// <summary>The service key of the clock the protocol runs on (see <see cref="Clock"/>).</summary>
    public const string ClockKey = "WealthActors.WeCom.Clock";

    /// <summary>
    /// Binds and validates section <c>WeCom</c> and registers the protocol services. Everything is registered even
    /// when the channel is disabled; <see cref="WeComCrypto"/> then refuses to resolve, so check
    /// <see cref="WeComOptions.Enabled"/> before mapping the callback endpoint.
    /// </summary>
    public static IServiceCollection AddWeCom(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeComOptions>().Bind(configuration.GetSection(WeComOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeComOptions>, WeComOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new WeComAccessTokenCache(Clock(sp)));
        services.TryAddSingleton(sp => new WeComReplayGuard(Clock(sp), Options(sp).ReplayWindow));
        services.TryAddSingleton(sp => Options(sp) is { Enabled: true } o
            ? new WeComCrypto(o.Token, o.EncodingAesKey, o.CorpId)
            : throw new InvalidOperationException("WeCom is disabled: WeCom:CorpId is empty."));
        // WeCom answers its own errors (a refused token, "busy", frequency limits) with HTTP 200 and an errcode: the
        // transport retries only HTTP failures, the client and the outbox handle the errcodes.
        services.AddHttpClient<WeComApiClient>((sp, http) => http.BaseAddress = BaseAddress(Options(sp).ApiBaseUrl))
            .AddChatRetries(Clock, ChatHttpResilience.IsTransientStatus);
        return services;
    }

    /// <summary>
    /// Signatures, token lifetimes, the replay window and retry waits follow WeCom's own clock. A host whose
    /// <see cref="TimeProvider"/> is a faster business clock (a demo) registers the wall clock under this key;
    /// otherwise the host's <see cref="TimeProvider"/> is used, which lets tests drive everything with a fake one.
    /// </summary>
    public static TimeProvider Clock(IServiceProvider services) =>
        services.GetKeyedService<TimeProvider>(ClockKey) ?? services.GetRequiredService<TimeProvider>();

    private static WeComOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<WeComOptions>>().Value;

    // API paths are relative, so the base must end in '/' or a path prefix in the setting would be dropped.
    private static Uri BaseAddress(string apiBaseUrl) =>
        new(apiBaseUrl.EndsWith('/') ? apiBaseUrl : apiBaseUrl + "/", UriKind.Absolute);
}
