namespace WealthActors.Bot.Channels.Chat;

/// <summary>An access token and how long its issuer says it lives.</summary>
public readonly record struct AccessToken(string Value, TimeSpan ExpiresIn);

/// <summary>
/// One service's access token (the WeCom app's, the bot's for the Bot Connector). A singleton per service: the token
/// is reused until shortly before it expires, concurrent callers share one fetch instead of each asking the issuer
/// (which rate-limits it), and a token the service refused is dropped once, however many callers saw the refusal.
/// </summary>
public class AccessTokenCache(TimeProvider timeProvider) : IDisposable
{
    /// <summary>
    /// A token is renewed a tenth of its life before it ends, at most this early, so it never expires between our
    /// check and the service's.
    /// </summary>
    public static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private Entry? _current;

    /// <summary>Returns the cached token, or runs <paramref name="fetch"/> once for all waiting callers.</summary>
    public async Task<string> GetAsync(Func<CancellationToken, Task<AccessToken>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (TryGetFresh() is { } cached)
        {
            return cached;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryGetFresh() is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var fetched = await fetch(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, new Entry(fetched.Value, timeProvider.GetUtcNow() + fetched.ExpiresIn - RefreshMargin(fetched.ExpiresIn)));
            return fetched.Value;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// Drops <paramref name="staleToken"/> after the service refused it. A token already replaced by another caller is
    /// kept, so a burst of refusals leads to one refresh, not one per request.
    /// </summary>
    public void Invalidate(string staleToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Token == staleToken)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    /// <summary>How long before its end a token of <paramref name="lifetime"/> is renewed.</summary>
    public static TimeSpan RefreshMargin(TimeSpan lifetime) =>
        TimeSpan.FromTicks(Math.Min(MaxRefreshMargin.Ticks, lifetime.Ticks / 10));

    private string? TryGetFresh()
    {
        var current = Volatile.Read(ref _current);
        return current is not null && timeProvider.GetUtcNow() < current.RefreshAt ? current.Token : null;
    }

    private sealed record Entry(string Token, DateTimeOffset RefreshAt);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refreshGate.Dispose();
        }
    }
}
