using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace WealthActors.Silo.Security;

/// <summary>
/// How many inbox streams one caller may hold open at once (<see cref="RateLimitingOptions.InboxStreamsPerCaller"/>).
/// A stream is a request that lasts as long as the page is open and re-reads the inbox every few seconds; without a
/// cap one key could hold thousands. The next one gets 429 until one closes.
/// </summary>
public sealed class InboxStreamCap(IOptions<RateLimitingOptions> options) : IRateLimiterPolicy<string>
{
    public const string Policy = "inbox-streams";

    /// <summary>A concurrency lease carries no retry time; a stream closes when its page does, so a few seconds is a fair wait.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (rejected, _) => ApiRateLimits.Refuse(
        rejected, "Too many open inbox streams.",
        $"At most {options.Value.InboxStreamsPerCaller} inbox streams may be open per caller; close one first.", RetryAfter);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return RateLimitPartition.GetConcurrencyLimiter(CallerPartition.Of(httpContext).Key, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.InboxStreamsPerCaller,
            QueueLimit = 0,
        });
    }
}
