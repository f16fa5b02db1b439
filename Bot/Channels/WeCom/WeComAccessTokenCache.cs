namespace WealthActors.Bot.Channels.WeCom;

/// <summary>An access token and how long WeCom says it lives (<c>expires_in</c>).</summary>
public readonly record struct WeComAccessToken(string Value, TimeSpan ExpiresIn);

/// <summary>
/// Holds the app's access token. A singleton, because the typed HttpClient is transient and WeCom rate-limits
/// <c>gettoken</c>: concurrent callers wait for one refresh instead of each fetching their own.
/// </summary>
public sealed class WeComAccessTokenCache(TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private Entry? _current;

    /// <summary>Returns the cached token, or runs <paramref name="fetch"/> once for all waiting callers.</summary>
    public async Task<string> GetAsync(Func<CancellationToken, Task<WeComAccessToken>> fetch, CancellationToken cancellationToken)
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
            // Refresh a little early so a token never expires between our check and WeCom's.
            var margin = TimeSpan.FromTicks(Math.Min(MaxRefreshMargin.Ticks, fetched.ExpiresIn.Ticks / 10));
            Volatile.Write(ref _current, new Entry(fetched.Value, timeProvider.GetUtcNow() + fetched.ExpiresIn - margin));
            return fetched.Value;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// Drops <paramref name="staleToken"/> after WeCom refused it. A token already replaced by another caller is kept,
    /// so a burst of refusals leads to one refresh, not one per request.
    /// </summary>
    public void Invalidate(string staleToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Token == staleToken)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    private string? TryGetFresh()
    {
        var current = Volatile.Read(ref _current);
        return current is not null && timeProvider.GetUtcNow() < current.RefreshAt ? current.Token : null;
    }

    private sealed record Entry(string Token, DateTimeOffset RefreshAt);

    public void Dispose() => _refreshGate.Dispose();
}
