using Microsoft.Extensions.Time.Testing;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComReplayGuardTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));
    private readonly FakeTimeProvider _time = new(Start);

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    [Theory]
    [InlineData(0)]
    [InlineData(-299)]
    [InlineData(299)]
    [InlineData(-300)]
    [InlineData(300)]
    public void IsTimestampFresh_WithinDefaultWindow_ReturnsTrue(long offsetSeconds)
    {
        var guard = new WeComReplayGuard(_time);

        Assert.True(guard.IsTimestampFresh((Now + offsetSeconds).ToString()));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void IsTimestampFresh_OutsideDefaultWindow_ReturnsFalse(long offsetSeconds)
    {
        var guard = new WeComReplayGuard(_time);

        Assert.False(guard.IsTimestampFresh((Now + offsetSeconds).ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData(" 1409659813")]
    public void IsTimestampFresh_NotUnixSeconds_ReturnsFalse(string? timestamp)
    {
        Assert.False(new WeComReplayGuard(_time).IsTimestampFresh(timestamp));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void IsTimestampFresh_ExtremeSeconds_ReturnsFalse(long seconds)
    {
        Assert.False(new WeComReplayGuard(_time).IsTimestampFresh(seconds));
    }

    [Fact]
    public void IsTimestampFresh_ConfiguredWindow_IsApplied()
    {
        var guard = new WeComReplayGuard(_time, TimeSpan.FromSeconds(30));

        Assert.True(guard.IsTimestampFresh(Now - 30));
        Assert.False(guard.IsTimestampFresh(Now - 31));
    }

    [Fact]
    public void IsTimestampFresh_ClockMovesOn_StaleCallbackRefused()
    {
        var guard = new WeComReplayGuard(_time);
        var stamp = Now.ToString();

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.False(guard.IsTimestampFresh(stamp));
    }

    [Fact]
    public void TryAccept_ThreeRetriesWithinFiveSeconds_OnlyFirstAccepted()
    {
        var guard = new WeComReplayGuard(_time);

        Assert.True(guard.TryAccept("msg:4561255354251345929"));
        foreach (var gap in new[] { 1, 2, 2 })
        {
            _time.Advance(TimeSpan.FromSeconds(gap));
            Assert.False(guard.TryAccept("msg:4561255354251345929"));
        }

        Assert.True(guard.TryAccept("msg:4561255354251345930"));
    }

    [Fact]
    public void TryAccept_AfterWindowExpires_ForgetsAndPurges()
    {
        var guard = new WeComReplayGuard(_time, TimeSpan.FromMinutes(1));
        Assert.True(guard.TryAccept("a"));
        Assert.True(guard.TryAccept("b"));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(guard.TryAccept("a"));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(guard.TryAccept("a"));
        Assert.Equal(1, guard.Count);
    }

    [Fact]
    public void TryAccept_MoreKeysThanCapacity_MemoryStaysBoundedAndRecentKeysRemembered()
    {
        var guard = new WeComReplayGuard(_time, capacity: 100);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(guard.TryAccept($"msg:{i}"));
            Assert.True(guard.Count <= 100);
        }

        Assert.Equal(100, guard.Count);
        Assert.False(guard.TryAccept("msg:999"));
        Assert.False(guard.TryAccept("msg:900"));
        Assert.True(guard.TryAccept("msg:0"));
    }

    [Fact]
    public void TryAccept_ConcurrentDeliveriesOfOneMessage_ExactlyOneAccepted()
    {
        var guard = new WeComReplayGuard(_time);
        var accepted = 0;

        Parallel.For(0, 64, _ =>
        {
            if (guard.TryAccept("msg:race"))
            {
                Interlocked.Increment(ref accepted);
            }
        });

        Assert.Equal(1, accepted);
    }

    [Fact]
    public void Forget_AfterFailedHandling_NextRetryAccepted()
    {
        var guard = new WeComReplayGuard(_time, capacity: 2);
        Assert.True(guard.TryAccept("a"));

        guard.Forget("a");
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(guard.TryAccept("a"));
        Assert.False(guard.TryAccept("a"));
        Assert.True(guard.TryAccept("b"));
        Assert.Equal(2, guard.Count);
    }

    [Fact]
    public void Ctor_NonPositiveWindow_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeComReplayGuard(_time, TimeSpan.Zero));
    }
}
