using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Bot.Conversation;
using WealthActors.Bot.Hosting;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.ReadModel;

namespace WealthActors.Bot.Tests.Channels.WeCom;

/// <summary>
/// Answers every message with a fixed reply, once <see cref="Hold"/> (when set) completes, and counts what it was asked
/// and what it has answered.
/// </summary>
public sealed class ScriptedEngine : IConversationEngine
{
    private int _calls;
    private int _answered;

    public Func<string, BotReply> Reply { get; set; } = text => new BotReply($"echo: {text}");
    /// <summary>When set, every answer waits for it: the test decides when a slow command finishes.</summary>
    public Task? Hold { get; set; }
    public int Calls => Volatile.Read(ref _calls);
    public int Answered => Volatile.Read(ref _answered);
    public List<(string EmployeeId, string Channel, string Text)> Received { get; } = [];

    public async Task<BotReply> HandleAsync(string employeeId, string channel, string text, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        lock (Received)
        {
            Received.Add((employeeId, channel, text));
        }

        if (Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        Interlocked.Increment(ref _answered);
        return Reply(text);
    }
}

/// <summary>
/// The bot's services as the Silo registers them (AddWealthActorsBot), talking to the test cluster and to a fake
/// WeCom server; the background sender runs as the host would run it.
/// </summary>
public sealed class WeComBotHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly WeComOutbox _outbox;

    private WeComBotHost(ServiceProvider services, FakeWeComServer server)
    {
        _services = services;
        Server = server;
        _outbox = services.GetRequiredService<WeComOutbox>();
    }

    public FakeWeComServer Server { get; }
    public WeComCallbackHandler Handler => _services.GetRequiredService<WeComCallbackHandler>();
    public WeComOutbox Outbox => _outbox;
    public WeComInboxPushChannel PushChannel =>
        _services.GetServices<Employees.IInboxPushChannel>().OfType<WeComInboxPushChannel>().Single();

    /// <param name="engine">Replaces the conversation engine; null keeps the real one.</param>
    /// <param name="serverOnClusterClock">
    /// The fake server counts its per-member limit on the cluster's clock, which paces the sender too, so a test can
    /// drive both through a wave.
    /// </param>
    public static async Task<WeComBotHost> Start(
        BotClusterFixture cluster, IConversationEngine? engine, IDictionary<string, string?>? settings = null, bool serverOnClusterClock = false)
    {
        var server = await FakeWeComServer.StartAsync(serverOnClusterClock ? cluster.Clock : null);
        var values = WeComCallbackRequests.Settings(server);
        values["WeCom:Delivery:FirstRetryDelay"] = "00:00:00.100";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(cluster.Grains)
            .AddSingleton<IReadModelQueries>(cluster.ReadModel)
            .AddSingleton<TimeProvider>(cluster.Clock)
            .AddSingleton<WealthActors.Audit.IAuditTrail>(cluster.Audit);
        if (engine is not null)
        {
            services.AddSingleton(engine);
        }

        services.AddWealthActorsBot(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        var host = new WeComBotHost(services.BuildServiceProvider(), server);
        await host._outbox.StartAsync(CancellationToken.None);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _outbox.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>Waits for the fake server to have received a call matching <paramref name="match"/>.</summary>
    public async Task<FakeWeComCall> WaitForCall(Func<FakeWeComCall, bool> match, string what, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            if (Server.Calls.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }
}
