using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.WeCom;

public static class WeComServiceCollectionExtensions
{
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
        services.TryAddSingleton<WeComAccessTokenCache>();
        services.TryAddSingleton(sp => new WeComReplayGuard(
            sp.GetRequiredService<TimeProvider>(), Options(sp).ReplayWindow));
        services.TryAddSingleton(sp => Options(sp) is { Enabled: true } o
            ? new WeComCrypto(o.Token, o.EncodingAesKey, o.CorpId)
            : throw new InvalidOperationException("WeCom is disabled: WeCom:CorpId is empty."));
        services.AddHttpClient<WeComApiClient>((sp, http) => http.BaseAddress = BaseAddress(Options(sp).ApiBaseUrl));
        return services;
    }

    private static WeComOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<WeComOptions>>().Value;

    // API paths are relative, so the base must end in '/' or a path prefix in the setting would be dropped.
    private static Uri BaseAddress(string apiBaseUrl) =>
        new(apiBaseUrl.EndsWith('/') ? apiBaseUrl : apiBaseUrl + "/", UriKind.Absolute);
}
