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

    [Fact]
    public void WithinEveryMinute_GreedySender_NeverExceedsTheLimitInAnySixtySeconds()
    {
        var limiter = PerUserRateLimiter.WithinEveryMinute(_time, perMinute: 30);
        var sent = new List<DateTimeOffset>();

        // Sends whenever allowed for five minutes, checking every 100 ms.
        for (var step = 0; step < 3000; step++)
        {
            while (limiter.TryAcquire("zhangsan") == TimeSpan.Zero)
            {
                sent.Add(_time.GetUtcNow());
            }

            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var busiest = sent.Max(start => sent.Count(t => t >= start && t < start + TimeSpan.FromMinutes(1)));
        Assert.InRange(busiest, 25, 30);
        Assert.InRange(sent.Count, 5 * 20, (5 * 20) + 10);
    }

    [Fact]
    public void Reserve_ShowsTheBudgetAndTakesWhatWasDecided()
    {
        var limiter = PerUserRateLimiter.WithinEveryMinute(_time, perMinute: 30);
        SendBudget seen = default;

        var taken = limiter.Reserve("zhangsan", budget =>
        {
            seen = budget;
            return 4;
        });
        var after = limiter.Reserve("zhangsan", budget =>
        {
            seen = budget;
            return 100;
        });
        var empty = limiter.Reserve("zhangsan", budget =>
        {
            seen = budget;
            return 1;
        });

        Assert.Equal(4, taken);
        Assert.Equal(6, after);
        Assert.Equal(0, empty);
        Assert.Equal(0, seen.Available);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(3), seen.NextAt);
    }
}
