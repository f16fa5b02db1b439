using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Bot;

/// <summary>
/// The real Silo with the WeCom and Teams channels switched on and pointed at local fakes on loopback ports (a WeCom
/// server; the Bot Framework's OpenID metadata and signing keys; the token endpoint and Connector): what a deployment
/// looks like to WeCom and to Teams, minus the internet.
/// </summary>
public sealed class BotSiloFixture : IAsyncLifetime
{
    public const string SigningKeyId = "silo-tests-key";

    public FakeWeComServer WeCom { get; private set; } = null!;

    public FakeBotFrameworkIdentity TeamsIdentity { get; private set; } = null!;

    public FakeBotConnector Connector { get; private set; } = null!;

    /// <summary>The key the fake Bot Framework publishes, endorsed for <c>msteams</c>.</summary>
    public RsaSecurityKey SigningKey { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public IGrainFactory Grains => Api.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        WeCom = await FakeWeComServer.StartAsync();
        TeamsIdentity = await FakeBotFrameworkIdentity.StartAsync();
        Connector = await FakeBotConnector.StartAsync(TimeProvider.System);
        SigningKey = TeamsIdentity.Publish(SigningKeyId, 0, "msteams");
        var settings = WeComCallbackRequests.Settings(WeCom);
        // Generous for a busy test machine, and still inside WeCom's 5 seconds.
        settings["Bot:PassiveReplyBudget"] = "00:00:03";
        settings["WeCom:Delivery:FirstRetryDelay"] = "00:00:00.200";
        settings["Teams:AppId"] = BotFrameworkTokens.AppId;
        settings["Teams:AppPassword"] = FakeBotConnector.AppPassword;
        settings["Teams:OpenIdMetadataUrl"] = TeamsIdentity.MetadataUrl;
        settings["Teams:TokenEndpoint"] = Connector.TokenEndpoint;
        settings["Teams:Delivery:FirstRetryDelay"] = "00:00:00.200";
        Api = ApiFactory.With(settings);
        Api.As(null).Dispose();
    }

    /// <summary>A Bot Connector token for this bot, as the Connector would sign one for an activity from its service URL.</summary>
    public string TeamsToken(BotFrameworkTokens.Spec? spec = null) =>
        BotFrameworkTokens.Create(SigningKey, DateTimeOffset.UtcNow, spec ?? new BotFrameworkTokens.Spec { ServiceUrl = Connector.ServiceUrl });

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Connector.DisposeAsync();
        await TeamsIdentity.DisposeAsync();
        await WeCom.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BotSiloCollection : ICollectionFixture<BotSiloFixture>
{
    public const string Name = "bot-silo";
}
