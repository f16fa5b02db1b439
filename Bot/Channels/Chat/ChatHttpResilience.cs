using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace WealthActors.Bot.Channels.Chat;

/// <summary>
/// Retries of a chat channel's single HTTP call, in the typed client's resilience handler. Each concern is retried in
/// exactly one layer:
/// <list type="number">
/// <item>the transport (here): a call that failed transiently (the network, an attempt that timed out, 5xx, 429 and
/// what the channel adds) is tried again within seconds, after the answer's Retry-After when it gives one;</item>
/// <item>the channel's client: a refused token (the Connector's 401; WeCom's 40001, 40014 and 42001, which come with
/// HTTP 200) is renewed once and the call repeated;</item>
/// <item>the chat outbox: an answer that names a later time (a Retry-After longer than <see cref="MaxRetryAfter"/>,
/// WeCom's "busy" and frequency errcodes) puts the job back on the queue after that wait; what the transport
/// already retried is not retried again;</item>
/// <item>the employee grain's push reminder: the durable backstop, across restarts and over hours, hands over again an
/// inbox message no channel recorded as delivered.</item>
/// </list>
/// </summary>
public static class ChatHttpResilience
{
    /// <summary>Retries after the first try.</summary>
    public const int MaxRetries = 3;

    public static readonly TimeSpan BaseRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>A longer Retry-After is not waited for: the answer goes back to the caller, who may come back later.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>One try's limit, on the wall clock: only real time tells how long the network takes.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Every try and every wait between them; the HttpClient's own timeout.</summary>
    public static readonly TimeSpan TotalTimeout = (MaxRetryAfter * MaxRetries) + (AttemptTimeout * (MaxRetries + 1));

    /// <summary>HTTP answers worth another try of the same call: rate limited, or the server failed.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// Adds the transport's retries to a channel's client: <paramref name="isTransient"/> answers and network failures
    /// are retried up to <see cref="MaxRetries"/> times with jittered exponential backoff, or after the answer's
    /// Retry-After up to <see cref="MaxRetryAfter"/>; every try is cut after <see cref="AttemptTimeout"/>.
    /// </summary>
    /// <param name="clock">The channel's clock, on which the waits run (tests drive it).</param>
    public static IHttpClientBuilder AddChatRetries(
        this IHttpClientBuilder http, Func<IServiceProvider, TimeProvider> clock, Func<HttpStatusCode, bool> isTransient)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(isTransient);
        http.ConfigureHttpClient(client => client.Timeout = TotalTimeout);
        http.AddResilienceHandler("retry", (pipeline, context) =>
        {
            var time = clock(context.ServiceProvider);
            pipeline.TimeProvider = time;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, isTransient, time)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    RetryAfter(args.Outcome.Result, time) ?? Backoff(args.AttemptNumber)),
            });
        });
        // Inside the retries, so that a timed-out try is retried like a failed one.
        http.AddResilienceHandler("attempt-timeout", pipeline =>
        {
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddTimeout(AttemptTimeout);
        });
        return http;
    }

    /// <summary>The wait an answer asks for (Retry-After as seconds or as a date on <paramref name="clock"/>), if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var retryAfter = response?.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - clock.GetUtcNow() : null);
        return wait is { } asked && asked < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, Func<HttpStatusCode, bool> isTransient, TimeProvider clock) =>
        outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => isTransient(response.StatusCode) && !(RetryAfter(response, clock) > MaxRetryAfter),
            _ => false,
        };

    // Exponential with up to a quarter of jitter, so clients that failed together do not retry together.
    private static TimeSpan Backoff(int retry)
    {
        var exponential = BaseRetryDelay * Math.Pow(2, retry) * (1 + (Random.Shared.NextDouble() / 4));
        return exponential < MaxRetryDelay ? exponential : MaxRetryDelay;
    }
}
