using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.Teams;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Bot.Hosting;
using WealthActors.Silo.Storage.Deliveries;

namespace WealthActors.Silo.Apis;

public static class BotApiExtensions
{
    /// <summary>The chat bot: conversation engine, WeCom and Teams channels (when configured) and the web console's chat.</summary>
    public static WebApplicationBuilder AddWealthActorsBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddWealthActorsDeliveryDeduplication(builder.Configuration);
        builder.Services.AddWealthActorsBot(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The web console's static files, its chat API, the WeCom callback when WeCom is configured and the Bot Framework
    /// messaging endpoint when Teams is.
    /// </summary>
    public static WebApplication MapWealthActorsBot(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapWebChatApi();
        if (app.Services.GetRequiredService<IOptions<WeComOptions>>().Value.Enabled)
        {
            app.MapWeComCallbackApi();
        }

        if (app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value.Enabled)
        {
            app.MapTeamsMessagesApi();
        }

        return app;
    }
}
