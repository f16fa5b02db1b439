using System.Diagnostics;

namespace WealthActors.Bot.Tests.Channels.WeCom;

/// <summary>The fake WeCom server keeps WeCom's per-member limit and its latency, so what the sender does about them is tested.</summary>
public sealed class FakeWeComLimitTests : WeComApiTestBase
{
    [Fact]
    public async Task MessagesBeyondThirtyInAMinute_AreAnsweredOkButDiscarded_PerMember()
    {
        for (var i = 0; i < 31; i++)
        {
            await Client.SendTextAsync(["ZhangSan"], $"message {i}");
        }

        var other = await Client.SendTextAsync(["LiSi"], "another member");
        Time.Advance(TimeSpan.FromSeconds(59));
        await Client.SendTextAsync(["ZhangSan"], "still within the minute");
        Time.Advance(TimeSpan.FromSeconds(1));
        await Client.SendTextAsync(["ZhangSan"], "a minute after the first");

        Assert.NotNull(other.MsgId);
        Assert.Equal(31, Server.Delivered.Count(d => d.Member == "ZhangSan"));
        Assert.Equal(["message 30", "still within the minute"], Server.Discarded.Select(d => (string)d.Call.Body["text"]!["content"]!));
        Assert.Single(Server.Delivered, d => d.Member == "LiSi");
        Assert.Equal("a minute after the first", (string)Server.Delivered[^1].Call.Body["text"]!["content"]!);
    }

    [Fact]
    public async Task AnswerDelay_EveryCallTakesAtLeastThatLong()
    {
        Server.AnswerDelay = TimeSpan.FromMilliseconds(50);
        await Client.SendTextAsync(["ZhangSan"], "warm-up: the token");

        var clock = Stopwatch.StartNew();
        await Client.SendTextAsync(["ZhangSan"], "timed");

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(50), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
    }
}
