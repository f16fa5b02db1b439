using Microsoft.Extensions.Time.Testing;
using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Tests.Channels.Chat;

/// <summary>The one access-token cache the WeCom app and the Bot Connector share: reuse, early renewal, one fetch, refusal.</summary>
public sealed class AccessTokenCacheTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly AccessTokenCache _cache;
    private int _fetches;

    public AccessTokenCacheTests() => _cache = new AccessTokenCache(_time);

    public void Dispose() => _cache.Dispose();

    private Task<AccessToken> Fetch(TimeSpan lifetime) =>
        Task.FromResult(new AccessToken($"token-{Interlocked.Increment(ref _fetches)}", lifetime));

    private Task<string> Get(TimeSpan lifetime) => _cache.GetAsync(_ => Fetch(lifetime), CancellationToken.None);

    [Theory]
    // Two hours: renewed five minutes early, the most it ever is.
    [InlineData(7200, 300)]
    // Ten minutes: a tenth of its life early.
    [InlineData(600, 60)]
    public async Task GetAsync_BeforeAndAtTheRefreshMargin_ReusesThenRenews(int lifetimeSeconds, int marginSeconds)
    {
        var lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
        Assert.Equal("token-1", await Get(lifetime));

        _time.Advance(lifetime - TimeSpan.FromSeconds(marginSeconds) - TimeSpan.FromSeconds(1));
        Assert.Equal("token-1", await Get(lifetime));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("token-2", await Get(lifetime));
        Assert.Equal(2, _fetches);
        Assert.Equal(TimeSpan.FromSeconds(marginSeconds), AccessTokenCache.RefreshMargin(lifetime));
    }

    [Fact]
    public async Task GetAsync_ConcurrentCallersOnColdCache_ShareOneFetch()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<AccessToken> SlowFetch(CancellationToken cancellationToken)
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
            return await Fetch(TimeSpan.FromHours(2));
        }

        var callers = Enumerable.Range(0, 8).Select(_ => _cache.GetAsync(SlowFetch, CancellationToken.None)).ToList();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        var tokens = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(tokens, token => Assert.Equal("token-1", token));
        Assert.Equal(1, _fetches);
    }

    [Fact]
    public async Task Invalidate_TheCurrentToken_NextCallerFetchesANewOne()
    {
        var refused = await Get(TimeSpan.FromHours(2));

        _cache.Invalidate(refused);

        Assert.Equal("token-2", await Get(TimeSpan.FromHours(2)));
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task Invalidate_ATokenAlreadyReplaced_KeepsTheNewOne()
    {
        var first = await Get(TimeSpan.FromHours(2));
        _cache.Invalidate(first);
        var second = await Get(TimeSpan.FromHours(2));

        // A second caller that was refused with the first token reports it late.
        _cache.Invalidate(first);

        Assert.Equal(second, await Get(TimeSpan.FromHours(2)));
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task GetAsync_FetchFails_NothingCachedAndTheNextCallerTriesAgain()
    {
        await Assert.ThrowsAsync<HttpRequestException>(
            () => _cache.GetAsync(_ => Task.FromException<AccessToken>(new HttpRequestException("down")), CancellationToken.None));

        Assert.Equal("token-1", await Get(TimeSpan.FromHours(2)));
    }
}
