namespace WealthActors.Bot.Channels.WeCom;

/// <summary>WeCom answered a server API call with a non-zero <c>errcode</c>.</summary>
public sealed class WeComApiException(string api, int errCode, string? errMsg)
    : Exception($"WeCom {api} failed with errcode {errCode}: {errMsg}")
{
    /// <summary>The API path, e.g. <c>message/send</c>.</summary>
    public string Api { get; } = api;

    public int ErrCode { get; } = errCode;
    public string? ErrMsg { get; } = errMsg;
}
