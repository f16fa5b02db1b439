namespace WealthActors.Bot.Channels.WeCom;

/// <summary>Configuration section <c>WeCom</c>. The channel is off while <see cref="CorpId"/> is empty.</summary>
public sealed class WeComOptions
{
    public const string Section = "WeCom";
    public const string DefaultApiBaseUrl = "https://qyapi.weixin.qq.com";
    public const string DefaultOAuthAuthorizeUrl = "https://open.weixin.qq.com/connect/oauth2/authorize";
    public const string DefaultQrLoginUrl = "https://login.work.weixin.qq.com/wwlogin/sso/login";

    /// <summary>The corp id (ww…); also the receiveId that closes every callback plaintext.</summary>
    public string CorpId { get; set; } = string.Empty;

    /// <summary>The self-built app's AgentId.</summary>
    public int AgentId { get; set; }

    /// <summary>The app Secret used by <c>gettoken</c>.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The callback Token that keys <c>msg_signature</c>.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The callback EncodingAESKey, 43 characters.</summary>
    public string EncodingAesKey { get; set; } = string.Empty;

    /// <summary>Tests point this at a local fake.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>WeCom's web authorization link (网页授权), which the WeCom client answers with a code; tests point it at a local fake.</summary>
    public string OAuthAuthorizeUrl { get; set; } = DefaultOAuthAuthorizeUrl;

    /// <summary>WeCom's web login page (企业微信登录, QR code on a PC browser); tests point it at a local fake.</summary>
    public string QrLoginUrl { get; set; } = DefaultQrLoginUrl;

    /// <summary>How far a callback timestamp may be from now, and how long deliveries are remembered.</summary>
    public TimeSpan ReplayWindow { get; set; } = WeComReplayGuard.DefaultWindow;

    public bool Enabled => !string.IsNullOrWhiteSpace(CorpId);
}
