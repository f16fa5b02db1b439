using Microsoft.Extensions.DependencyInjection;
using WealthActors.Bot.Tests.Channels.WeCom;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Bot;

/// <summary>
/// The real Silo with the WeCom channel switched on and pointed at a fake WeCom server on a loopback port: what a
/// deployment looks like to WeCom, minus the internet.
/// </summary>
public sealed class BotSiloFixture : IAsyncLifetime
{
    public FakeWeComServer WeCom { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public IGrainFactory Grains => Api.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        WeCom = await FakeWeComServer.StartAsync();
        var settings = WeComCallbackRequests.Settings(WeCom);
        // Generous for a busy test machine, and still inside WeCom's 5 seconds.
        settings["Bot:PassiveReplyBudget"] = "00:00:03";
        settings["WeCom:Delivery:FirstRetryDelay"] = "00:00:00.200";
        Api = ApiFactory.With(settings);
        Api.As(null).Dispose();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await WeCom.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BotSiloCollection : ICollectionFixture<BotSiloFixture>
{
    public const string Name = "bot-silo";
}
