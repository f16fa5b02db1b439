using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

/// <summary>A fresh fake Bot Framework identity service with one published key, and a validator wired through <c>AddTeams</c>.</summary>
public abstract class TokenValidatorTestBase : IAsyncLifetime
{
    protected const string KeyId = "bf-key-1";
    protected const string Teams = "msteams";

    private ServiceProvider _services = null!;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    protected FakeBotFrameworkIdentity Identity { get; private set; } = null!;
    protected RsaSecurityKey Key { get; private set; } = null!;
    protected BotFrameworkTokenValidator Validator => _services.GetRequiredService<BotFrameworkTokenValidator>();

    public async Task InitializeAsync()
    {
        Identity = await FakeBotFrameworkIdentity.StartAsync();
        Key = Identity.Publish(KeyId, 0, Teams, "webchat");
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddTeams(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Teams:AppId"] = BotFrameworkTokens.AppId,
                ["Teams:AppPassword"] = "app-password",
                ["Teams:OpenIdMetadataUrl"] = Identity.MetadataUrl,
            }).Build())
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Identity.DisposeAsync();
    }

    protected string Token(BotFrameworkTokens.Spec? spec = null, SecurityKey? key = null) =>
        BotFrameworkTokens.Create(key ?? Key, Time.GetUtcNow(), spec);

    protected Task<BotFrameworkAuthResult> ValidateAsync(
        string token, string channelId = Teams, string serviceUrl = BotFrameworkTokens.ServiceUrl) =>
        Validator.ValidateAsync("Bearer " + token, channelId, serviceUrl);

    protected static void AssertRefused(BotFrameworkAuthResult result, BotFrameworkAuthFailure expected)
    {
        Assert.False(result.Succeeded, "The token was accepted.");
        Assert.True(expected == result.Failure, $"Expected {expected}, got {result.Failure}: {result.Reason}");
        Assert.False(string.IsNullOrEmpty(result.Reason));
        Assert.Null(result.Identity);
    }
}
