using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

/// <summary>A fresh fake token endpoint and Connector, and a client wired through <c>AddTeams</c>, for every test.</summary>
public abstract class ConnectorTestBase : IAsyncLifetime
{
    private static readonly TimeSpan DriveLimit = TimeSpan.FromSeconds(30);

    private ServiceProvider _services = null!;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    protected FakeBotConnector Server { get; private set; } = null!;

    /// <summary>Typed clients are transient: every access resolves a new one, all sharing the token cache and limiter.</summary>
    protected BotConnectorClient Client => _services.GetRequiredService<BotConnectorClient>();

    public async Task InitializeAsync()
    {
        Server = await FakeBotConnector.StartAsync(Time);
        _services = Services(FakeBotConnector.AppPassword);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }

    protected ServiceProvider Services(string appPassword) =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddTeams(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Teams:AppId"] = BotFrameworkTokens.AppId,
                ["Teams:AppPassword"] = appPassword,
                ["Teams:TokenEndpoint"] = Server.TokenEndpoint,
            }).Build())
            .BuildServiceProvider();

    protected BotActivity Incoming(string text = "ack CMP-42") => TeamsSamples.Parse(TeamsSamples.Message(Server.ServiceUrl, text));

    /// <summary>
    /// Awaits <paramref name="task"/> while moving the fake clock forward in small steps, so retry waits and rate
    /// limiting run on fake time; bounded in real time so a hang fails instead of blocking the run.
    /// </summary>
    protected async Task<T> DriveAsync<T>(Task<T> task)
    {
        await DriveAsync((Task)task);
        return await task;
    }

    protected async Task DriveAsync(Task task)
    {
        var watch = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            Assert.True(watch.Elapsed < DriveLimit, "The call did not finish.");
            await Task.WhenAny(task, Task.Delay(2));
            if (!task.IsCompleted)
            {
                Time.Advance(TimeSpan.FromMilliseconds(50));
            }
        }

        await task;
    }

    /// <summary>
    /// Every call the Connector received is a swagger operation with a body that fits it; every activity sent fits the
    /// activity schema and every Adaptive Card in it the card schema.
    /// </summary>
    protected void AssertCallsFollowSpecs()
    {
        Assert.NotEmpty(Server.Calls);
        foreach (var call in Server.Calls)
        {
            Assert.StartsWith(FakeBotConnector.ServicePath.TrimEnd('/'), call.RawTarget);
            var path = call.RawTarget[(FakeBotConnector.ServicePath.Length - 1)..];
            var body = JsonDocument.Parse(call.Body).RootElement;
            var (operation, _) = TeamsSpecs.AssertSwaggerOperation(call.Method, path, body);
            // The activity schema's ConversationParameters requires an initial activity (which itself requires a
            // conversation, impossible before one exists); the Connector's swagger makes it optional and Teams creates
            // the chat first and takes the message in a second call, so the body is held to the swagger and its
            // accounts to the activity schema's ChannelAccount.
            if (operation == "Conversations_CreateConversation")
            {
                Assert.Empty(TeamsSpecs.ActivitySchemaDefinitionErrors("ChannelAccount", body.GetProperty("bot")));
                Assert.All(body.GetProperty("members").EnumerateArray(),
                    m => Assert.Empty(TeamsSpecs.ActivitySchemaDefinitionErrors("ChannelAccount", m)));
                continue;
            }

            TeamsSpecs.AssertValidActivity(body);
            if (body.TryGetProperty("attachments", out var attachments))
            {
                foreach (var attachment in attachments.EnumerateArray()
                    .Where(a => a.GetProperty("contentType").GetString() == AdaptiveCardBuilder.ContentType))
                {
                    TeamsSpecs.AssertValidCard(attachment.GetProperty("content"));
                }
            }
        }
    }
}
