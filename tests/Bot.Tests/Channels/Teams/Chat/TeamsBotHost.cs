using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Bot.Channels.Teams.Chat;
using WealthActors.Bot.Hosting;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Employees;
using WealthActors.ReadModel;

namespace WealthActors.Bot.Tests.Channels.Teams.Chat;

/// <summary>
/// The bot's services as the Silo registers them (AddWealthActorsBot) with Teams switched on, talking to the test
/// cluster and to a fake token endpoint and Connector; the background sender runs as the host would run it.
/// </summary>
public sealed class TeamsBotHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TeamsBotHost(ServiceProvider services, FakeBotConnector connector)
    {
        _services = services;
        Connector = connector;
    }

    public FakeBotConnector Connector { get; }
    public TeamsOutbox Outbox => _services.GetRequiredService<TeamsOutbox>();
    public TeamsInboxPushChannel PushChannel => _services.GetServices<IInboxPushChannel>().OfType<TeamsInboxPushChannel>().Single();

    /// <param name="tenantId">Teams:TenantId, so a test can keep its own tenant's contact apart from the others'.</param>
    public static async Task<TeamsBotHost> Start(BotClusterFixture cluster, string tenantId)
    {
        var connector = await FakeBotConnector.StartAsync(TimeProvider.System);
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = BotFrameworkTokens.AppId,
            ["Teams:AppPassword"] = FakeBotConnector.AppPassword,
            ["Teams:TenantId"] = tenantId,
            ["Teams:TokenEndpoint"] = connector.TokenEndpoint,
            ["Teams:Delivery:FirstRetryDelay"] = "00:00:00.100",
        };
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(cluster.Grains)
            .AddSingleton<IReadModelQueries>(cluster.ReadModel)
            .AddSingleton<TimeProvider>(cluster.Clock)
            .AddSingleton<WealthActors.Audit.IAuditTrail>(cluster.Audit);
        services.AddWealthActorsBot(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var host = new TeamsBotHost(services.BuildServiceProvider(), connector);
        await host.Outbox.StartAsync(CancellationToken.None);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Outbox.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        await Connector.DisposeAsync();
    }

    public async Task<ConnectorCall> WaitForCall(Func<ConnectorCall, bool> match, string what, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            if (Connector.Calls.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }
}
