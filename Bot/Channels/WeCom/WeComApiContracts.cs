using System.Text.Json;
using System.Text.Json.Serialization;

namespace WealthActors.Bot.Channels.WeCom;

// Wire shapes of the WeCom server API. WeCom mostly uses snake_case, but a few names are run together
// (touser, msgtype, agentid, keyname, invaliduser, msgid); those carry explicit names.

internal static class WeComJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal class WeComResponse
{
    public int Errcode { get; init; }
    public string? Errmsg { get; init; }
}

internal sealed class GetTokenResponse : WeComResponse
{
    public string? AccessToken { get; init; }
    public int ExpiresIn { get; init; }
}

internal sealed class SendResponse : WeComResponse
{
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("invaliduser")] public string? InvalidUser { get; init; }
    public string? ResponseCode { get; init; }
}

internal sealed record TextContent(string Content);

internal sealed record SendTextRequest(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("agentid")] int AgentId,
    TextContent Text)
{
    [JsonPropertyName("msgtype")] public string MsgType { get; } = "text";
}

internal sealed record SendTemplateCardRequest(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("agentid")] int AgentId,
    TemplateCardPayload TemplateCard)
{
    [JsonPropertyName("msgtype")] public string MsgType { get; } = "template_card";
}

internal sealed record UpdateTemplateCardRequest(
    IReadOnlyList<string>? Userids,
    int? Atall,
    [property: JsonPropertyName("agentid")] int AgentId,
    string ResponseCode)
{
    public ReplaceButton? Button { get; init; }
    public TemplateCardPayload? TemplateCard { get; init; }
}

internal sealed record ReplaceButton(string ReplaceName);

internal sealed record CardSource(string Desc);

internal sealed record TemplateCardPayload(
    string CardType,
    CardSource? Source,
    WeComCardTitle MainTitle,
    string? SubTitleText,
    IReadOnlyList<WeComCardField>? HorizontalContentList,
    string TaskId,
    IReadOnlyList<WeComCardButton> ButtonList,
    string? ReplaceText);

/// <summary>
/// <c>auth/getuserinfo</c>: a member of the organisation comes back as <c>userid</c>; anyone else as <c>openid</c>
/// (and <c>external_userid</c> for a customer of the organisation).
/// </summary>
internal sealed class GetUserInfoResponse : WeComResponse
{
    [JsonPropertyName("userid")] public string? UserId { get; init; }
    [JsonPropertyName("openid")] public string? OpenId { get; init; }
    [JsonPropertyName("external_userid")] public string? ExternalUserId { get; init; }
}
