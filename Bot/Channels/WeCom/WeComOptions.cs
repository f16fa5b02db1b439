namespace WealthActors.Bot.Channels.WeCom;

/// <summary>Configuration section <c>WeCom</c>. The channel is off while <see cref="CorpId"/> is empty.</summary>
public sealed class WeComOptions
{
    public const string Section = "WeCom";
    public const string DefaultApiBaseUrl = "https://qyapi.weixin.qq.com";

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

    /// <summary>How far a callback timestamp may be from now, and how long deliveries are remembered.</summary>
    public TimeSpan ReplayWindow { get; set; } = WeComReplayGuard.DefaultWindow;

    public bool Enabled => !string.IsNullOrWhiteSpace(CorpId);
}
