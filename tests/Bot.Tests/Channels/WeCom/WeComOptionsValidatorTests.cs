using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComOptionsValidatorTests
{
    private readonly WeComOptionsValidator _validator = new();

    public static TheoryData<string, string> BadSettings => new()
    {
        { "AgentId=0", "WeCom:AgentId" },
        { "Secret=", "WeCom:Secret" },
        { "Token=", "WeCom:Token" },
        { "Token=has space", "WeCom:Token" },
        { "Token=" + new string('t', 33), "WeCom:Token" },
        { "EncodingAesKey=short", "WeCom:EncodingAesKey must be 43 characters" },
        { "EncodingAesKey=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B*C", "WeCom:EncodingAesKey must contain only Base64" },
        { "ApiBaseUrl=qyapi.weixin.qq.com", "WeCom:ApiBaseUrl" },
        { "ApiBaseUrl=ftp://qyapi.weixin.qq.com", "WeCom:ApiBaseUrl" },
        { "OAuthAuthorizeUrl=open.weixin.qq.com/connect/oauth2/authorize", "WeCom:OAuthAuthorizeUrl" },
        { "OAuthAuthorizeUrl=https://open.weixin.qq.com/connect/oauth2/authorize?appid=x", "WeCom:OAuthAuthorizeUrl" },
        { "QrLoginUrl=ftp://login.work.weixin.qq.com/wwlogin/sso/login", "WeCom:QrLoginUrl" },
        { "ReplayWindow=00:00:00", "WeCom:ReplayWindow" },
        { "ReplayWindow=02:00:00", "WeCom:ReplayWindow" },
    };

    [Fact]
    public void Validate_NoCorpId_SucceedsAsDisabled()
    {
        var options = new WeComOptions { Token = "", EncodingAesKey = "bad" };

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
    [MemberData(nameof(BadSettings))]
    public void Validate_OneBadKey_FailureNamesThatKey(string setting, string expected)
    {
        var settings = ValidSettings();
        var (key, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
        settings[$"WeCom:{key}"] = value;

        var result = _validator.Validate(null, Options(settings));

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(expected, failure);
    }

    [Fact]
    public void AddWeCom_MalformedKey_OptionsAccessThrowsNamingKey()
    {
        var settings = ValidSettings();
        settings["WeCom:EncodingAesKey"] = "tooShort";
        using var provider = Provider(settings);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WeComOptions>>().Value);

        Assert.Contains("WeCom:EncodingAesKey must be 43 characters", ex.Message);
    }

    [Fact]
    public void AddWeCom_NoSection_DisabledAndCryptoRefusesToResolve()
    {
        using var provider = Provider([]);

        var options = provider.GetRequiredService<IOptions<WeComOptions>>().Value;

        Assert.False(options.Enabled);
        Assert.Equal("https://qyapi.weixin.qq.com", options.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ReplayWindow);
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<WeComCrypto>());
    }

    [Fact]
    public void AddWeCom_ValidSection_ResolvesCryptoForTheCorpAndGuardWithWindow()
    {
        var settings = ValidSettings();
        settings["WeCom:ReplayWindow"] = "00:02:00";
        using var provider = Provider(settings);

        var crypto = provider.GetRequiredService<WeComCrypto>();
        var guard = provider.GetRequiredService<WeComReplayGuard>();

        var sample = WeComVectors.Get("set2").Message;
        Assert.Equal(sample.ExpectedPlaintext, crypto.Decrypt(sample.Encrypt));
        Assert.Equal(TimeSpan.FromMinutes(2), guard.Window);
    }

    internal static Dictionary<string, string?> ValidSettings()
    {
        var set = WeComVectors.Get("set2");
        return new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = set.ReceiveId,
            ["WeCom:AgentId"] = "1000002",
            ["WeCom:Secret"] = "app-secret",
            ["WeCom:Token"] = set.Token,
            ["WeCom:EncodingAesKey"] = set.EncodingAesKey,
        };
    }

    private static WeComOptions Options(Dictionary<string, string?> settings)
    {
        var options = new WeComOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(WeComOptions.Section).Bind(options);
        return options;
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddWeCom(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
