using System.Net.Http.Json;
using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Channels.WeCom;

public sealed partial class WeComApiClient
{
    private const int MaxRecipients = 1000;

    private Task<TResponse> CallAsync<TRequest, TResponse>(
        string api, TRequest request, CancellationToken cancellationToken)
        where TResponse : WeComResponse =>
        WithTokenAsync(api, token => PostAsync<TRequest, TResponse>(api, token, request, cancellationToken), cancellationToken);

    /// <param name="query">The API's own query parameters, already escaped.</param>
    private Task<TResponse> QueryAsync<TResponse>(string api, string query, CancellationToken cancellationToken)
        where TResponse : WeComResponse =>
        WithTokenAsync(api, async token =>
        {
            using var response = await httpClient
                .GetAsync($"cgi-bin/{api}?access_token={Uri.EscapeDataString(token)}&{query}", cancellationToken)
                .ConfigureAwait(false);
            return await ReadAsync<TResponse>(api, response, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private async Task<TResponse> WithTokenAsync<TResponse>(
        string api, Func<string, Task<TResponse>> call, CancellationToken cancellationToken)
        where TResponse : WeComResponse
    {
        var token = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        var response = await call(token).ConfigureAwait(false);
        if (IsRefusedToken(response.Errcode))
        {
            tokenCache.Invalidate(token);
            token = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            response = await call(token).ConfigureAwait(false);
        }

        return response.Errcode == 0 ? response : throw new WeComApiException(api, response.Errcode, response.Errmsg);
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string api, string token, TRequest request, CancellationToken cancellationToken)
        where TResponse : WeComResponse
    {
        var url = $"cgi-bin/{api}?access_token={Uri.EscapeDataString(token)}";
        using var response = await httpClient.PostAsJsonAsync(url, request, WeComJson.Options, cancellationToken)
            .ConfigureAwait(false);
        return await ReadAsync<TResponse>(api, response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccessToken> FetchAccessTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = $"cgi-bin/{GetTokenApi}?corpid={Uri.EscapeDataString(settings.CorpId)}"
            + $"&corpsecret={Uri.EscapeDataString(settings.Secret)}";
        using var response = await httpClient.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var body = await ReadAsync<GetTokenResponse>(GetTokenApi, response, cancellationToken).ConfigureAwait(false);
        if (body.Errcode != 0)
        {
            throw new WeComApiException(GetTokenApi, body.Errcode, body.Errmsg);
        }

        if (string.IsNullOrEmpty(body.AccessToken) || body.ExpiresIn <= 0)
        {
            throw new WeComApiException(GetTokenApi, body.Errcode, "the answer has no access_token or expires_in");
        }

        return new AccessToken(body.AccessToken, TimeSpan.FromSeconds(body.ExpiresIn));
    }

    private static async Task<TResponse> ReadAsync<TResponse>(
        string api, HttpResponseMessage response, CancellationToken cancellationToken)
        where TResponse : WeComResponse
    {
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TResponse>(WeComJson.Options, cancellationToken)
                .ConfigureAwait(false)
            ?? throw new WeComApiException(api, -1, "empty answer");
    }

    // 40001: invalid credential, 40014: invalid access_token, 42001: access_token expired.
    private static bool IsRefusedToken(int errcode) => errcode is 40001 or 40014 or 42001;

    private static string JoinRecipients(IReadOnlyList<string> userIds) => string.Join('|', ValidRecipients(userIds));

    private static IReadOnlyList<string> ValidRecipients(IReadOnlyList<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count is 0 or > MaxRecipients)
        {
            throw new ArgumentException($"Between 1 and {MaxRecipients} recipients are required.", nameof(userIds));
        }

        // '|' separates recipients in touser, so an id containing it would address someone else.
        if (userIds.Any(id => string.IsNullOrEmpty(id) || id.Contains('|')))
        {
            throw new ArgumentException("A recipient UserID is empty or contains '|'.", nameof(userIds));
        }

        return userIds;
    }
}
