using Microsoft.Extensions.Options;
using WealthActors.Grains.Notifications;

namespace WealthActors.Silo.Notifications;

public static class NotificationsHostingExtensions
{
    /// <summary>
    /// Progress updates to clients: the channels (WeCom customer contact from the WeCom settings, SMS from
    /// <c>Notifications:Sms</c>) behind <see cref="IClientMessageSender"/>, which the client-update grains use.
    /// </summary>
    public static WebApplicationBuilder AddWealthActorsClientNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SmsGatewayOptions>().Bind(builder.Configuration.GetSection(SmsGatewayOptions.Section))
            .Validate(o => o.BaseUrl is null || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                $"{SmsGatewayOptions.Section}:BaseUrl must be an absolute http(s) address")
            .ValidateOnStart();
        if (builder.Configuration[$"{SmsGatewayOptions.Section}:BaseUrl"] is { Length: > 0 })
        {
            services.AddHttpClient<ISmsGateway, HttpSmsGateway>((sp, http) =>
            {
                var baseUrl = sp.GetRequiredService<IOptions<SmsGatewayOptions>>().Value.BaseUrl!;
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                http.Timeout = TimeSpan.FromSeconds(10);
            });
        }

        services.AddSingleton<IClientMessageSender, ClientMessageSender>();
        return builder;
    }
}
