using System.Text.Json.Serialization;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// WeCom's customer contact (客户联系): a message to a client, who is the external contact of a member. The server API
/// (<c>externalcontact/add_msg_template</c>, 创建企业群发) does not deliver it by itself: it puts a sending task in the
/// member's WeCom client, and the message goes out once the member confirms it. Each external contact receives at most
/// four such messages a calendar month from the organisation; beyond that, or when the client is not the member's
/// contact, WeCom lists the client in <c>fail_list</c>. An unknown external contact id is errcode 40096.
/// </summary>
public sealed partial class WeComApiClient
{
    private const string AddMessageTemplateApi = "externalcontact/add_msg_template";

    /// <param name="sender">The member (UserID) whose contact the client is; the task appears in their WeCom.</param>
    /// <param name="externalUserId">The client's external contact id.</param>
    public async Task<WeComCustomerMessageResult> AddCustomerMessageAsync(
        string sender, string externalUserId, string content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sender);
        ArgumentException.ThrowIfNullOrEmpty(externalUserId);
        ArgumentNullException.ThrowIfNull(content);
        var request = new AddMessageTemplateRequest("single", [externalUserId], sender, new TextContent(content));
        var response = await CallAsync<AddMessageTemplateRequest, AddMessageTemplateResponse>(AddMessageTemplateApi, request, cancellationToken)
            .ConfigureAwait(false);
        return new WeComCustomerMessageResult(response.MsgId, response.FailList ?? []);
    }
}

/// <param name="MsgId">The task's id, for looking up its sending result.</param>
/// <param name="FailList">External contacts that cannot receive it (not the sender's contact, or over the monthly limit).</param>
public sealed record WeComCustomerMessageResult(string? MsgId, IReadOnlyList<string> FailList);

internal sealed record AddMessageTemplateRequest(
    string ChatType,
    [property: JsonPropertyName("external_userid")] IReadOnlyList<string> ExternalUserId,
    string Sender,
    TextContent Text);

internal sealed class AddMessageTemplateResponse : WeComResponse
{
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    public IReadOnlyList<string>? FailList { get; init; }
}
