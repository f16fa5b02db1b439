using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WealthActors.Silo.Apis;

namespace WealthActors.Silo.Security;

/// <summary>
/// ASP.NET Core's rate limiter over the API: one token bucket per caller (<see cref="CallerPartition"/>), sized by
/// <see cref="RateLimitingOptions"/>. A refused request gets 429 with <c>Retry-After</c> and a problem detail, before
/// its endpoint runs, so it changes nothing. The chat channels' endpoints are left out: WeCom and the Bot Connector
/// send every user's messages from a few addresses, and are limited per chat user instead.
/// </summary>
public static partial class ApiRateLimits
{
    public static IServiceCollection AddWealthActorsRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section))
            .Validate(o => Valid(o.People) && Valid(o.Keys) && Valid(o.Anonymous),
                "RateLimiting:People, RateLimiting:Keys and RateLimiting:Anonymous need PermitsPerSecond and Burst of at least 1")
            .Validate(o => o.InboxStreamsPerCaller >= 1, "RateLimiting:InboxStreamsPerCaller must be at least 1")
            .ValidateOnStart();
        services.AddSingleton<InboxStreamCap>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>, InboxStreamCap>((limiter, settings, streams) =>
        {
            var limits = settings.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            limiter.OnRejected = (rejected, cancellationToken) => Refuse(rejected, "Too many requests.",
                "This caller sent more requests than allowed; retry after the time given in Retry-After.", TimeSpan.FromSeconds(1));
            limiter.AddPolicy(InboxStreamCap.Policy, streams);
        });
        return services;
    }

    /// <summary>The 429 every limit answers with: when to retry, and a problem detail saying why.</summary>
    public static async ValueTask Refuse(OnRejectedContext rejected, string title, string detail, TimeSpan retryAfterUnlessKnown)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : retryAfterUnlessKnown;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var (kind, key) = CallerPartition.Of(http);
        LogRefused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiRateLimits)), kind, key, http.Request.Method, http.Request.Path, seconds);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(http);
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitingOptions limits)
    {
        if (!limits.Enabled || !Applies(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var (kind, key) = CallerPartition.Of(context);
        var bucket = kind switch
        {
            CallerKind.Person => limits.People,
            CallerKind.Key => limits.Keys,
            _ => limits.Anonymous,
        };
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => TokenBucket(bucket));
    }

    /// <summary>Whether the per-caller limit counts requests to <paramref name="path"/> (the OpenAPI document declares its 429 by this too).</summary>
    // The sign-in routes too: each starts a round trip to the provider or WeCom, and the WeCom callback spends a code there.
    internal static bool Applies(PathString path) =>
        (path.StartsWithSegments("/api") || path.StartsWithSegments("/signin") || path.StartsWithSegments("/signout"))
        && !path.StartsWithSegments(WeComCallbackApi.Route)
        && !path.StartsWithSegments(TeamsMessagesApi.Route);

    /// <summary>Refilled in tenths of a second (or once per permit when slower), so a burst drains and refills smoothly.</summary>
    private static TokenBucketRateLimiterOptions TokenBucket(TokenBucketSettings bucket)
    {
        var (period, tokens) = bucket.PermitsPerSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), bucket.PermitsPerSecond / 10)
            : (TimeSpan.FromSeconds(1.0 / bucket.PermitsPerSecond), 1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket.Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static bool Valid(TokenBucketSettings bucket) => bucket.PermitsPerSecond >= 1 && bucket.Burst >= 1;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit: {CallerKind} {Caller} refused on {Method} {Path}; retry after {RetryAfterSeconds} s")]
    private static partial void LogRefused(ILogger logger, CallerKind callerKind, string caller, string method, string path, int retryAfterSeconds);
}
