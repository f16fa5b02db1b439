using Microsoft.Extensions.DependencyInjection;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComApiClientTests : WeComApiTestBase
{
    [Fact]
    public async Task SendTextAsync_SeveralSends_FetchesTokenOnceAndSendsDocumentedBody()
    {
        var first = await Client.SendTextAsync(["ZhangSan", "LiSi"], "投诉 C-42 已超时");
        await Client.SendTextAsync(["ZhangSan"], "second");
        await Client.SendTextAsync(["ZhangSan"], "third");

        Assert.Equal(1, Server.GetTokenCalls);
        Assert.All(Server.Calls, call => Assert.Equal("token-1", call.AccessToken));
        var body = Server.Calls[0].Body;
        Assert.Equal("ZhangSan|LiSi", (string?)body["touser"]);
        Assert.Equal("text", (string?)body["msgtype"]);
        Assert.Equal(1000002, (int?)body["agentid"]);
        Assert.Equal("投诉 C-42 已超时", (string?)body["text"]!["content"]);
        Assert.Equal("msg-1", first.MsgId);
        Assert.Empty(first.InvalidUsers);
    }

    [Fact]
    public async Task SendTextAsync_UnknownRecipient_ReportsInvalidUser()
    {
        var result = await Client.SendTextAsync(["ZhangSan", "ghost1"], "hi");

        Assert.Equal(["ghost1"], result.InvalidUsers);
    }

    [Fact]
    public async Task SendTextAsync_TokenExpiredOnWeComSide_RefreshesOnceAndRetries()
    {
        await Client.SendTextAsync(["ZhangSan"], "before");
        Server.ExpireToken();

        await Client.SendTextAsync(["ZhangSan"], "after");

        Assert.Equal(2, Server.GetTokenCalls);
        Assert.Equal(["token-1", "token-1", "token-2"], Server.Calls.Select(c => c.AccessToken));
        Assert.Equal("after", (string?)Server.Calls[^1].Body["text"]!["content"]);
    }

    [Theory]
    [InlineData(40001)]
    [InlineData(40014)]
    [InlineData(42001)]
    public async Task SendTextAsync_TokenRefusedTwice_RetriesOnlyOnceThenThrows(int errcode)
    {
        Server.FailNext(errcode);
        Server.FailNext(errcode);

        var ex = await Assert.ThrowsAsync<WeComApiException>(() => Client.SendTextAsync(["ZhangSan"], "hi"));

        Assert.Equal(errcode, ex.ErrCode);
        Assert.Equal("message/send", ex.Api);
        Assert.Equal(2, Server.GetTokenCalls);
        Assert.Equal(2, Server.Calls.Count);
    }

    [Fact]
    public async Task SendTextAsync_OtherErrcode_ThrowsTypedExceptionWithoutRefresh()
    {
        Server.FailNext(81013);

        var ex = await Assert.ThrowsAsync<WeComApiException>(() => Client.SendTextAsync(["ZhangSan"], "hi"));

        Assert.Equal(81013, ex.ErrCode);
        Assert.Equal("forced error 81013", ex.ErrMsg);
        Assert.Equal(1, Server.GetTokenCalls);
        Assert.Single(Server.Calls);
    }

    public static TheoryData<string[]> InvalidRecipients => new([], ["a|b"], [""], ["ok", ""]);

    [Theory]
    [MemberData(nameof(InvalidRecipients))]
    public async Task SendTextAsync_InvalidRecipients_ThrowsBeforeCallingWeCom(string[] userIds)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.SendTextAsync(userIds, "hi"));

        Assert.Equal(0, Server.GetTokenCalls);
    }

    [Fact]
    public async Task GetAccessTokenAsync_WrongSecret_ThrowsGettokenError()
    {
        await using var services = Services("wrong-secret");

        var ex = await Assert.ThrowsAsync<WeComApiException>(
            () => services.GetRequiredService<WeComApiClient>().GetAccessTokenAsync());

        Assert.Equal("gettoken", ex.Api);
        Assert.Equal(40001, ex.ErrCode);
    }

    [Fact]
    public async Task GetAccessTokenAsync_NearExpiresIn_RefreshesShortlyBefore()
    {
        Assert.Equal("token-1", await Client.GetAccessTokenAsync());

        Time.Advance(TimeSpan.FromSeconds(7200 - 300 - 1));
        Assert.Equal("token-1", await Client.GetAccessTokenAsync());
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("token-2", await Client.GetAccessTokenAsync());
        Assert.Equal(2, Server.GetTokenCalls);
    }

    [Fact]
    public async Task GetAccessTokenAsync_ConcurrentCallersOnSeparateClients_ShareOneRefresh()
    {
        var gate = Server.HoldGetToken();
        var callers = Enumerable.Range(0, 8).Select(_ => Client.GetAccessTokenAsync()).ToArray();

        await Server.GetTokenEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, token => Assert.Equal("token-1", token));
        Assert.Equal(1, Server.GetTokenCalls);
    }
}
