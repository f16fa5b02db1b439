using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

/// <summary>A fresh fake WeCom server and a client wired through <c>AddWeCom</c> for every test.</summary>
public abstract class WeComApiTestBase : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    protected FakeWeComServer Server { get; private set; } = null!;

    /// <summary>Typed clients are transient: every access resolves a new one, all sharing the token cache.</summary>
    protected WeComApiClient Client => _services.GetRequiredService<WeComApiClient>();

    public async Task InitializeAsync()
    {
        Server = await FakeWeComServer.StartAsync(Time);
        _services = Services(FakeWeComServer.Secret);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }

    protected ServiceProvider Services(string secret)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = FakeWeComServer.CorpId,
            ["WeCom:AgentId"] = "1000002",
            ["WeCom:Secret"] = secret,
            ["WeCom:Token"] = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
            ["WeCom:EncodingAesKey"] = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
            // Without the trailing slash, as an operator would write it.
            ["WeCom:ApiBaseUrl"] = Server.BaseAddress.ToString().TrimEnd('/'),
        }).Build();
        return new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddWeCom(configuration)
            .BuildServiceProvider();
    }
}
