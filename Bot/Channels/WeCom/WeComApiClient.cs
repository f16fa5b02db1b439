using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// The WeCom server API for a self-built app (typed HttpClient; base address <c>WeCom:ApiBaseUrl</c>).
/// A refused access token (40001, 40014, 42001) is refreshed once and the call retried; any other non-zero errcode
/// raises <see cref="WeComApiException"/>.
/// </summary>
public sealed partial class WeComApiClient(
    HttpClient httpClient, IOptions<WeComOptions> options, WeComAccessTokenCache tokenCache)
{
    private const string GetTokenApi = "gettoken";
    private const string SendApi = "message/send";
    private const string UpdateCardApi = "message/update_template_card";
    private const string GetUserInfoApi = "auth/getuserinfo";

    /// <summary>WeCom's limit on a sign-in code (最大为512字节).</summary>
    public const int MaxCodeLength = 512;

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
        tokenCache.GetAsync(FetchAccessTokenAsync, cancellationToken);

    /// <param name="userIds">WeCom UserIDs, 1 to 1000.</param>
    public async Task<WeComSendResult> SendTextAsync(
        IReadOnlyList<string> userIds, string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var request = new SendTextRequest(JoinRecipients(userIds), options.Value.AgentId, new TextContent(content));
        var response = await CallAsync<SendTextRequest, SendResponse>(SendApi, request, cancellationToken)
            .ConfigureAwait(false);
        return ToResult(response);
    }

    /// <param name="userIds">WeCom UserIDs, 1 to 1000.</param>
    public async Task<WeComSendResult> SendTemplateCardAsync(
        IReadOnlyList<string> userIds, WeComButtonCard card, CancellationToken cancellationToken = default)
    {
        var request = new SendTemplateCardRequest(
            JoinRecipients(userIds), options.Value.AgentId, WeComTemplateCardMapper.ToPayload(card));
        var response = await CallAsync<SendTemplateCardRequest, SendResponse>(SendApi, request, cancellationToken)
            .ConfigureAwait(false);
        return ToResult(response);
    }

    /// <summary>
    /// Exchanges the code of a web sign-in (网页授权 in the WeCom client, or the web login page) for who signed in.
    /// A code is single-use and expires after five minutes: WeCom answers a used, expired or unknown one with 40029.
    /// </summary>
    public async Task<WeComVisitor> GetVisitorAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        if (code.Length > MaxCodeLength)
        {
            throw new ArgumentException($"A WeCom code has at most {MaxCodeLength} characters.", nameof(code));
        }

        var response = await QueryAsync<GetUserInfoResponse>(GetUserInfoApi, $"code={Uri.EscapeDataString(code)}", cancellationToken)
            .ConfigureAwait(false);
        return new WeComVisitor(response.UserId, response.OpenId, response.ExternalUserId);
    }

    /// <summary>Replaces a sent card, typically after a click, using the click's <c>ResponseCode</c>.</summary>
    /// <param name="userIds">Whose copy to replace; null replaces it for every recipient of the card.</param>
    public Task UpdateTemplateCardAsync(
        string responseCode, WeComButtonCard card, IReadOnlyList<string>? userIds = null,
        CancellationToken cancellationToken = default)
    {
        var request = UpdateRequest(responseCode, userIds) with { TemplateCard = WeComTemplateCardMapper.ToPayload(card) };
        return CallAsync<UpdateTemplateCardRequest, WeComResponse>(UpdateCardApi, request, cancellationToken);
    }

    /// <summary>Only changes the clicked button's caption, leaving the rest of the card as it is.</summary>
    /// <param name="userIds">Whose copy to change; null changes it for every recipient of the card.</param>
    public Task UpdateTemplateCardButtonAsync(
        string responseCode, string replaceName, IReadOnlyList<string>? userIds = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(replaceName);
        var request = UpdateRequest(responseCode, userIds) with { Button = new ReplaceButton(replaceName) };
        return CallAsync<UpdateTemplateCardRequest, WeComResponse>(UpdateCardApi, request, cancellationToken);
    }

    private UpdateTemplateCardRequest UpdateRequest(string responseCode, IReadOnlyList<string>? userIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseCode);
        return userIds is null
            ? new UpdateTemplateCardRequest(null, 1, options.Value.AgentId, responseCode)
            : new UpdateTemplateCardRequest(ValidRecipients(userIds), null, options.Value.AgentId, responseCode);
    }

    private static WeComSendResult ToResult(SendResponse response) => new(
        response.MsgId,
        response.ResponseCode,
        string.IsNullOrEmpty(response.InvalidUser) ? [] : response.InvalidUser.Split('|'));
}
