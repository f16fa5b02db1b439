using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WealthActors.Bot.Channels.Teams;

public sealed partial class BotConnectorClient
{
    private async Task<TResponse> SendAsync<TResponse>(
        string operation, HttpMethod method, Uri url, object body, string rateKey, CancellationToken cancellationToken)
        where TResponse : class
    {
        var json = JsonSerializer.Serialize(body, body.GetType(), BotFrameworkJson.Options);
        var tokenRenewed = false;
        for (var attempt = 1; ; attempt++)
        {
            await rateLimiter.AcquireAsync(rateKey, cancellationToken).ConfigureAwait(false);
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var response = await SendOnceAsync(method, url, json, token, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return await ReadAsync<TResponse>(response, cancellationToken).ConfigureAwait(false);
            }

            // A token revoked or rotated on the service side: renew it once, without counting a failed attempt.
            if (response.StatusCode == HttpStatusCode.Unauthorized && !tokenRenewed)
            {
                tokenRenewed = true;
                tokens.Invalidate(token);
                attempt--;
                continue;
            }

            var (code, message) = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            if (!IsTransient(response.StatusCode) || attempt >= MaxAttempts)
            {
                throw new BotConnectorException(operation, response.StatusCode, code, message);
            }

            var delay = RetryDelay(response, attempt);
            if (delay > MaxRetryAfter)
            {
                throw new BotConnectorException(operation, response.StatusCode, code, message, delay);
            }

            LogRetrying(logger, operation, (int)response.StatusCode, url.AbsolutePath, attempt, delay);
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
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

    // Teams asks bots to retry 429, 412, 502 and 504; the other 5xx answers are transient too.
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed || (int)status >= 500;

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var untilDate = date - timeProvider.GetUtcNow();
            return untilDate < TimeSpan.Zero ? TimeSpan.Zero : untilDate;
        }

        // Exponential with up to a quarter of jitter, so bots that failed together do not retry together.
        var exponential = BaseRetryDelay * Math.Pow(2, attempt - 1) * (1 + (Random.Shared.NextDouble() / 4));
        return exponential < MaxRetryDelay ? exponential : MaxRetryDelay;
    }

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

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Operation} got HTTP {Status} from {Path} on attempt {Attempt}; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string operation, int status, string path, int attempt, TimeSpan delay);
}
