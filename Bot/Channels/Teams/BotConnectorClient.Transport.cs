using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Channels.Teams;

public sealed partial class BotConnectorClient
{
    private async Task<TResponse> SendAsync<TResponse>(
        string operation, HttpMethod method, Uri url, object body, string rateKey, CancellationToken cancellationToken)
        where TResponse : class
    {
        var json = JsonSerializer.Serialize(body, body.GetType(), BotFrameworkJson.Options);
        var tokenRenewed = false;
        while (true)
        {
            await rateLimiter.AcquireAsync(rateKey, cancellationToken).ConfigureAwait(false);
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            // Transient answers (429, 412, 5xx) were already retried by the client's resilience handler.
            using var response = await SendOnceAsync(method, url, json, token, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return await ReadAsync<TResponse>(response, cancellationToken).ConfigureAwait(false);
            }

            // A token revoked or rotated on the service side: renew it once.
            if (response.StatusCode == HttpStatusCode.Unauthorized && !tokenRenewed)
            {
                tokenRenewed = true;
                tokens.Invalidate(token);
                continue;
            }

            // A wait the transport would not hold the call for is handed to the caller, who may come back after it.
            var (code, message) = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            var retryAfter = ChatHttpResilience.RetryAfter(response, timeProvider);
            throw new BotConnectorException(
                operation, response.StatusCode, code, message, retryAfter > ChatHttpResilience.MaxRetryAfter ? retryAfter : null);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        HttpMethod method, Uri url, string json, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Teams asks bots to retry 429, 412, 502 and 504; the other 5xx answers are transient too.</summary>
    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.PreconditionFailed || ChatHttpResilience.IsTransientStatus(status);

    private static async Task<TResponse> ReadAsync<TResponse>(HttpResponseMessage response, CancellationToken cancellationToken)
        where TResponse : class
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        // Some channels answer 200/202 without a body; the caller then simply gets no id.
        return string.IsNullOrWhiteSpace(text)
            ? JsonSerializer.Deserialize<TResponse>("{}", BotFrameworkJson.Options)!
            : JsonSerializer.Deserialize<TResponse>(text, BotFrameworkJson.Options)!;
    }

    private static async Task<(string? Code, string? Message)> ReadErrorAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var error = string.IsNullOrWhiteSpace(text)
                ? null
                : JsonSerializer.Deserialize<ConnectorErrorResponse>(text, BotFrameworkJson.Options)?.Error;
            return (error?.Code, error?.Message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
