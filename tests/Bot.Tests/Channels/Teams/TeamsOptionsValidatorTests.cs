using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

public sealed class TeamsOptionsValidatorTests
{
    private readonly TeamsOptionsValidator _validator = new();

    public static TheoryData<string, string> BadSettings => new()
    {
        { "AppId=not-a-guid", "Teams:AppId" },
        { "AppPassword=", "Teams:AppPassword" },
        { "TenantId=contoso/evil", "Teams:TenantId" },
        { "TenantId=has space", "Teams:TenantId" },
        { "OpenIdMetadataUrl=login.botframework.com/v1/.well-known/openidconfiguration", "Teams:OpenIdMetadataUrl" },
        { "OpenIdMetadataUrl=http://metadata.example/openid", "Teams:OpenIdMetadataUrl" },
        { "TokenEndpoint=http://login.example/token", "Teams:TokenEndpoint" },
        { "TokenEndpoint=ftp://127.0.0.1/token", "Teams:TokenEndpoint" },
        { "Scope= ", "Teams:Scope" },
        { "SigningKeyRefreshInterval=00:00:00", "Teams:SigningKeyRefreshInterval" },
        { "SigningKeyRefreshInterval=2.00:00:00", "Teams:SigningKeyRefreshInterval" },
        { "SigningKeyMinimumRefreshInterval=00:00:00", "Teams:SigningKeyMinimumRefreshInterval" },
        { "SigningKeyMinimumRefreshInterval=1.00:00:01", "Teams:SigningKeyMinimumRefreshInterval" },
    };

    [Fact]
    public void Validate_NoAppId_SucceedsAsDisabled()
    {
        var options = new TeamsOptions { AppPassword = "", OpenIdMetadataUrl = "bad" };

        Assert.False(options.Enabled);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_CompleteOptions_Succeeds()
    {
        var result = _validator.Validate(null, Options(ValidSettings()));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("72f988bf-86f1-41af-91ab-2d7cd011db47")]
    [InlineData("contoso.onmicrosoft.com")]
    public void Validate_TenantGuidOrDomain_Succeeds(string tenant)
    {
        var settings = ValidSettings();
        settings["Teams:TenantId"] = tenant;

        Assert.True(_validator.Validate(null, Options(settings)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_OneBadKey_FailureNamesThatKey(string setting, string expected)
    {
        var settings = ValidSettings();
        var (key, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
        settings[$"Teams:{key}"] = value;

        var result = _validator.Validate(null, Options(settings));

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(expected, failure);
    }

    [Fact]
    public void ResolveTokenEndpoint_NoTenant_MultiTenantBotFrameworkEndpoint()
    {
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", new TeamsOptions().ResolveTokenEndpoint());
    }

    [Fact]
    public void ResolveTokenEndpoint_TenantSet_ThatTenantsEndpoint()
    {
        var options = new TeamsOptions { TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47" };

        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", options.ResolveTokenEndpoint());
    }

    [Fact]
    public void ResolveTokenEndpoint_ExplicitEndpoint_WinsOverTenant()
    {
        var options = new TeamsOptions { TenantId = "contoso.onmicrosoft.com", TokenEndpoint = "http://127.0.0.1:5001/token" };

        Assert.Equal("http://127.0.0.1:5001/token", options.ResolveTokenEndpoint());
    }

    [Fact]
    public void AddTeams_NoSection_DisabledWithDocumentedDefaults()
    {
        using var provider = Provider([]);

        var options = provider.GetRequiredService<IOptions<TeamsOptions>>().Value;

        Assert.False(options.Enabled);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.com/.default", options.Scope);
        Assert.Equal(TimeSpan.FromDays(1), options.SigningKeyRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.SigningKeyMinimumRefreshInterval);
        Assert.NotNull(provider.GetRequiredService<BotFrameworkTokenValidator>());
        Assert.NotNull(provider.GetRequiredService<BotConnectorClient>());
    }

    [Fact]
    public async Task AddTeams_Disabled_ValidatorRefusesEveryRequestAsNotConfigured()
    {
        await using var provider = Provider([]);

        var result = await provider.GetRequiredService<BotFrameworkTokenValidator>().ValidateAsync("Bearer x.y.z", "msteams", "https://connector.example/");

        Assert.Equal(BotFrameworkAuthFailure.NotConfigured, result.Failure);
    }

    [Fact]
    public void AddTeams_MalformedKey_OptionsAccessThrowsNamingKey()
    {
        var settings = ValidSettings();
        settings["Teams:AppPassword"] = "";
        using var provider = Provider(settings);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TeamsOptions>>().Value);

        Assert.Contains("Teams:AppPassword is required", ex.Message);
    }

    internal static Dictionary<string, string?> ValidSettings() => new()
    {
        ["Teams:AppId"] = BotFrameworkTokens.AppId,
        ["Teams:AppPassword"] = "app-password",
    };

    private static TeamsOptions Options(Dictionary<string, string?> settings)
    {
        var options = new TeamsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(TeamsOptions.Section).Bind(options);
        return options;
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddTeams(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
