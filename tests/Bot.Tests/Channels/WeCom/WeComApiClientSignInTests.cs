using System.Net;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

/// <summary><c>auth/getuserinfo</c>: a sign-in code exchanged for who signed in, under WeCom's rules for codes.</summary>
public sealed class WeComApiClientSignInTests : WeComApiTestBase
{
    [Fact]
    public async Task GetVisitorAsync_CodeOfAMember_ReturnsTheirUserIdWithTheAppsToken()
    {
        Server.SignedIn = FakeWeComUser.Member("ZhangSan");
        var code = await SignInCode();

        var visitor = await Client.GetVisitorAsync(code);

        Assert.True(visitor.IsMember);
        Assert.Equal("ZhangSan", visitor.UserId);
        var call = Assert.Single(Server.Calls);
        Assert.Equal(("auth/getuserinfo", "token-1", code), (call.Api, call.AccessToken, (string?)call.Body["code"]));
    }

    [Fact]
    public async Task GetVisitorAsync_CodeOfSomeoneOutsideTheOrganisation_IsNoMember()
    {
        Server.SignedIn = FakeWeComUser.Outsider("oAbC-outsider");

        var visitor = await Client.GetVisitorAsync(await SignInCode());

        Assert.False(visitor.IsMember);
        Assert.Equal("oAbC-outsider", visitor.OpenId);
    }

    [Fact]
    public async Task GetVisitorAsync_CodeUsedTwice_SecondIsInvalidCode()
    {
        Server.SignedIn = FakeWeComUser.Member("ZhangSan");
        var code = await SignInCode();
        await Client.GetVisitorAsync(code);

        var replay = await Assert.ThrowsAsync<WeComApiException>(() => Client.GetVisitorAsync(code));

        Assert.Equal((40029, "auth/getuserinfo"), (replay.ErrCode, replay.Api));
    }

    [Fact]
    public async Task GetVisitorAsync_CodeOlderThanFiveMinutes_IsInvalidCode()
    {
        Server.SignedIn = FakeWeComUser.Member("ZhangSan");
        var code = await SignInCode();
        Time.Advance(FakeWeComServer.CodeLifetime + TimeSpan.FromSeconds(1));

        var expired = await Assert.ThrowsAsync<WeComApiException>(() => Client.GetVisitorAsync(code));

        Assert.Equal(40029, expired.ErrCode);
    }

    [Fact]
    public async Task GetVisitorAsync_UnknownCode_IsInvalidCode()
    {
        var unknown = await Assert.ThrowsAsync<WeComApiException>(() => Client.GetVisitorAsync("never-issued"));

        Assert.Equal(40029, unknown.ErrCode);
    }

    [Fact]
    public async Task GetVisitorAsync_TokenExpiredOnWeComSide_RefreshesOnceAndStillSpendsTheCode()
    {
        await Client.SendTextAsync(["ZhangSan"], "before");
        Server.ExpireToken();
        Server.SignedIn = FakeWeComUser.Member("LiSi");

        var visitor = await Client.GetVisitorAsync(await SignInCode());

        Assert.Equal("LiSi", visitor.UserId);
        Assert.Equal(2, Server.GetTokenCalls);
        Assert.Equal(["token-1", "token-1", "token-2"], Server.Calls.Select(c => c.AccessToken));
    }

    [Fact]
    public async Task GetVisitorAsync_CodeLongerThanWeComAllows_IsRefusedWithoutAsking()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.GetVisitorAsync(new string('c', WeComApiClient.MaxCodeLength + 1)));

        Assert.Empty(Server.Calls);
    }

    /// <summary>What the WeCom client hands the page: the code in its redirect back from the authorization link.</summary>
    private async Task<string> SignInCode()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var link = $"{Server.OAuthAuthorizeUrl}?appid={FakeWeComServer.CorpId}&redirect_uri={Uri.EscapeDataString("https://wa.example/signin/wecom/callback")}"
            + $"&response_type=code&scope=snsapi_base&state=abc123&agentid={WeComCallbackRequests.AgentId}";
        using var response = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = response.Headers.Location!;
        Assert.StartsWith("https://wa.example/signin/wecom/callback?code=", back.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("&state=abc123", back.ToString(), StringComparison.Ordinal);
        return back.Query.Split('&')[0]["?code=".Length..];
    }
}
