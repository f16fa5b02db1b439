using Microsoft.Extensions.Time.Testing;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

public sealed class ConversationRateLimiterTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AcquireAsync_BurstOfTen_SevenAtOnceThenEighthAfterASecondThenTwoSeconds()
    {
        var limiter = new ConversationRateLimiter(_time);

        var grants = Enumerable.Range(0, 10).Select(_ => limiter.AcquireAsync("a:1")).ToList();

        Assert.All(grants.Take(7), g => Assert.True(g.IsCompletedSuccessfully));
        Assert.All(grants.Skip(7), g => Assert.False(g.IsCompleted));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(grants[7].IsCompleted);
        _time.Advance(Margin);
        Assert.True(grants[7].IsCompletedSuccessfully);
        Assert.False(grants[8].IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.All(grants.Skip(8), g => Assert.True(g.IsCompletedSuccessfully));
    }

    [Fact]
    public void AcquireAsync_OtherConversation_NotHeldByABusyOne()
    {
        var limiter = new ConversationRateLimiter(_time);
        var busy = Enumerable.Range(0, 20).Select(_ => limiter.AcquireAsync("a:busy")).ToList();

        var other = limiter.AcquireAsync("a:quiet");

        Assert.True(other.IsCompletedSuccessfully);
        Assert.False(busy[^1].IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_SteadyStream_NeverMoreThanSixtyInThirtySeconds()
    {
        var limiter = new ConversationRateLimiter(_time);
        var granted = new List<DateTimeOffset>();

        for (var i = 0; i < 75; i++)
        {
            var grant = limiter.AcquireAsync("a:1");
            // Slots fall on whole milliseconds here, so millisecond steps observe each grant at its exact time.
            while (!grant.IsCompleted)
            {
                _time.Advance(Margin);
            }

            await grant;
            granted.Add(_time.GetUtcNow());
        }

        foreach (var end in granted)
        {
            Assert.True(granted.Count(t => t >= end - TimeSpan.FromSeconds(30) && t <= end) <= 60);
            Assert.True(granted.Count(t => t >= end - TimeSpan.FromSeconds(2) && t <= end) <= 8);
        }

        Assert.True(granted[60] - granted[0] > TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndLaterCallersStillServed()
    {
        var limiter = new ConversationRateLimiter(_time, [new RateWindow(TimeSpan.FromSeconds(1), 1)]);
        await limiter.AcquireAsync("a:1");
        using var cancellation = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync("a:1", cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        var next = limiter.AcquireAsync("a:1");
        _time.Advance(TimeSpan.FromSeconds(3));
        await next;
    }

    [Fact]
    public async Task AcquireAsync_ManyIdleConversations_ForgottenOnSweep()
    {
        var limiter = new ConversationRateLimiter(_time);
        for (var i = 0; i < 1023; i++)
        {
            await limiter.AcquireAsync($"a:{i}");
        }

        Assert.Equal(1023, limiter.TrackedConversations);
        _time.Advance(TimeSpan.FromSeconds(31));

        await limiter.AcquireAsync("a:new");

        Assert.Equal(1, limiter.TrackedConversations);
    }

    [Fact]
    public void Constructor_EmptyOrNonPositiveWindows_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ConversationRateLimiter(_time, []));
        Assert.Throws<ArgumentException>(() => new ConversationRateLimiter(_time, [new RateWindow(TimeSpan.Zero, 1)]));
        Assert.Throws<ArgumentException>(() => new ConversationRateLimiter(_time, [new RateWindow(TimeSpan.FromSeconds(1), 0)]));
    }
}
