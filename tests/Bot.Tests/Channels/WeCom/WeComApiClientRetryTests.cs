using System.Diagnostics;
using WealthActors.Bot.Channels.Chat;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

/// <summary>
/// Which layer retries what on the WeCom API: HTTP failures in the transport's resilience handler, a refused token once in
/// the client, and WeCom's own errcodes (which come with HTTP 200) not in the transport at all.
/// </summary>
public sealed class WeComApiClientRetryTests : WeComApiTestBase
{
    private IEnumerable<FakeWeComCall> Sends => Server.Calls.Where(c => c.Api == "message/send");

    [Fact]
    public async Task SendTextAsync_ServiceUnavailableThenOk_RetriedOnceAndDeliveredOnce()
    {
        Server.FailNextHttp(503);

        var result = await DriveAsync(Client.SendTextAsync(["ZhangSan"], "投诉 C-42 已超时"));

        Assert.NotNull(result.MsgId);
        Assert.Equal(2, Sends.Count());
        Assert.All(Sends, call => Assert.Equal("投诉 C-42 已超时", (string?)call.Body["text"]!["content"]));
        Assert.Single(Server.Delivered);
    }

    [Fact]
    public async Task SendTextAsync_TooManyRequestsWithRetryAfter_WaitsThatLongThenRetries()
    {
        Server.FailNextHttp(429, retryAfter: "5");

        var send = Client.SendTextAsync(["ZhangSan"], "hi");
        await WaitUntil(() => Sends.Count() == 1);
        // The wait starts on the fake clock, which stands still until DriveAsync moves it; the server stamps the retry
        // with that clock when it takes it, so the gap is measured where the retry arrived, not where the test noticed.
        var refusedAt = Time.GetUtcNow();

        await DriveAsync(send);

        var delivery = Assert.Single(Server.Delivered);
        Assert.True(delivery.At - refusedAt >= TimeSpan.FromSeconds(5), $"retried {delivery.At - refusedAt} after the 429");
        Assert.Equal(2, Sends.Count());
    }

    [Fact]
    public async Task SendTextAsync_RetryAfterBeyondTheTransportsBound_NotRetried()
    {
        Server.FailNextHttp(429, retryAfter: ((int)ChatHttpResilience.MaxRetryAfter.TotalSeconds + 60).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Client.SendTextAsync(["ZhangSan"], "hi"));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Single(Sends);
    }

    [Fact]
    public async Task SendTextAsync_ServerErrorsPersist_TriedMaxRetriesMoreTimesThenThrows()
    {
        for (var i = 0; i < 10; i++)
        {
            Server.FailNextHttp(502);
        }

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => DriveAsync(Client.SendTextAsync(["ZhangSan"], "hi")));

        Assert.Equal(System.Net.HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Equal(ChatHttpResilience.MaxRetries + 1, Sends.Count());
        Assert.Empty(Server.Delivered);
    }

    [Fact]
    public async Task SendTextAsync_TokenExpiredErrcode_RefreshesTheTokenAndRetriesOnce()
    {
        await Client.SendTextAsync(["ZhangSan"], "before");
        Server.FailNext(42001);

        await Client.SendTextAsync(["ZhangSan"], "after");

        Assert.Equal(2, Server.GetTokenCalls);
        Assert.Equal(["token-1", "token-1", "token-2"], Sends.Select(c => c.AccessToken));
        Assert.Equal(["before", "after"], Server.Delivered.Select(d => (string?)d.Call.Body["text"]!["content"]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(45009)]
    [InlineData(45033)]
    public async Task SendTextAsync_BusyOrFrequencyErrcode_NotRetriedByTheTransport(int errcode)
    {
        Server.FailNext(errcode);

        var ex = await Assert.ThrowsAsync<WeComApiException>(() => Client.SendTextAsync(["ZhangSan"], "hi"));

        Assert.Equal(errcode, ex.ErrCode);
        Assert.Single(Sends);
        Assert.Equal(1, Server.GetTokenCalls);
    }

    [Fact]
    public async Task SendTextAsync_ThirtyFirstMessageToOneMemberInAMinute_SentOnceNotRetried()
    {
        for (var i = 1; i <= Server.PerMemberPerMinute + 1; i++)
        {
            await Client.SendTextAsync(["ZhangSan"], $"message {i}");
        }

        // WeCom answers the 31st ok and drops it: nothing tells the client to try again, and it does not.
        Assert.Equal(Server.PerMemberPerMinute + 1, Sends.Count());
        Assert.Equal(Server.PerMemberPerMinute, Server.Delivered.Count);
        var discarded = Assert.Single(Server.Discarded);
        Assert.Equal($"message {Server.PerMemberPerMinute + 1}", (string?)discarded.Call.Body["text"]!["content"]);
    }

    /// <summary>Awaits <paramref name="task"/> while moving the fake clock in small steps, so retry waits pass on fake time.</summary>
    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        var watch = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The call did not finish.");
            await Task.WhenAny(task, Task.Delay(2));
            if (!task.IsCompleted)
            {
                Time.Advance(TimeSpan.FromMilliseconds(50));
            }
        }

        return await task;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            await Task.Delay(10);
        }
    }
}
