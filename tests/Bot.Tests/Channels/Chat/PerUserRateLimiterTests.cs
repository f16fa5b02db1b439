using Microsoft.Extensions.Time.Testing;
using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Tests.Channels.Chat;

public sealed class PerUserRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAcquire_BurstUpToTheLimit_ThenWaitsForTheRefill()
    {
        var limiter = new PerUserRateLimiter(_time, perMinute: 30);

        var granted = Enumerable.Range(0, 30).Select(_ => limiter.TryAcquire("zhangsan")).ToArray();
        var refused = limiter.TryAcquire("zhangsan");

        Assert.All(granted, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(TimeSpan.FromSeconds(2), refused);
    }

    [Fact]
    public void TryAcquire_AfterTheWait_GrantsOneMore()
    {
        var limiter = new PerUserRateLimiter(_time, perMinute: 30);
        for (var i = 0; i < 30; i++)
        {
            limiter.TryAcquire("zhangsan");
        }

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("zhangsan"));
        Assert.True(limiter.TryAcquire("zhangsan") > TimeSpan.Zero);
    }

    [Fact]
    public void TryAcquire_MembersHaveSeparateBuckets()
    {
        var limiter = new PerUserRateLimiter(_time, perMinute: 1);

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("zhangsan"));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("lisi"));
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.TryAcquire("zhangsan"));
    }

    [Fact]
    public void TryAcquire_LongIdle_RefillsOnlyToTheBurst()
    {
        var limiter = new PerUserRateLimiter(_time, perMinute: 2);
        limiter.TryAcquire("zhangsan");

        _time.Advance(TimeSpan.FromHours(5));

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("zhangsan"));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("zhangsan"));
        Assert.True(limiter.TryAcquire("zhangsan") > TimeSpan.Zero);
    }
}
