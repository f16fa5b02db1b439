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
    public void ReplayableUntil_TimestampNowOrPast_IsAWindowAfterNow()
    {
        var guard = new WeComReplayGuard(_time);

        Assert.Equal(_time.GetUtcNow() + WeComReplayGuard.DefaultWindow, guard.ReplayableUntil(Now.ToString()));
        Assert.Equal(_time.GetUtcNow() + WeComReplayGuard.DefaultWindow, guard.ReplayableUntil((Now - 200).ToString()));
    }

    [Fact]
    public void ReplayableUntil_TimestampAhead_IsAWindowAfterTheTimestamp()
    {
        var guard = new WeComReplayGuard(_time);

        // A callback stamped 200 s ahead passes the check until 200 s + the window from now.
        Assert.Equal(_time.GetUtcNow().AddSeconds(200) + WeComReplayGuard.DefaultWindow, guard.ReplayableUntil((Now + 200).ToString()));
    }

    [Fact]
    public void Ctor_NonPositiveWindow_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeComReplayGuard(_time, TimeSpan.Zero));
    }
}
