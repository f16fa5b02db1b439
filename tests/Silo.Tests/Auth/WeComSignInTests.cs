using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using WealthActors.Silo.Tests.Bot;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>
/// Signing into the web pages with WeCom, against the fake WeCom (its client's authorization link, its web login page,
/// and <c>auth/getuserinfo</c> with WeCom's rules for codes): the same console session as the provider's sign-in, for
/// the employee whose <c>wecomUserId</c> the member is, and a 403 with no session for anything less.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class WeComSignInTests(BotSiloFixture silo)
{
    private FakeWeComServer WeCom => silo.WeCom;

    private Uri Callback => new(silo.Api.BaseAddress, "/signin/wecom/callback");

    [Fact]
    public async Task SignIn_InTheWeComClient_OpensAConsoleSessionAsTheLinkedEmployee()
    {
        var seed = await BotSeed.Create(silo.Api);
        using var browser = Browser();
        WeCom.SignedIn = FakeWeComUser.Member(seed.AdvisorWeCom);

        var landed = await browser.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme");

        Assert.Equal(new Uri(silo.Api.BaseAddress, "/api/me"), landed.RequestMessage!.RequestUri);
        var me = await landed.Json(HttpStatusCode.OK);
        Assert.Equal(seed.Advisor, me.Str("employeeId"));
        Assert.Equal("console", me.Str("door"));
        Assert.Equal(["Advisor"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var visit = WeCom.PageVisits[^1].Body;
        Assert.Equal(Callback.ToString(), (string?)visit["redirect_uri"]);
        Assert.Equal("snsapi_base", (string?)visit["scope"]);
    }

    [Fact]
    public async Task SignIn_Start_SendsWeComsAuthorizationLinkWithAStateBoundToThisBrowser()
    {
        using var browser = Browser(followRedirects: false);

        var start = await browser.GetAsync("/signin/wecom?returnUrl=%2Fwebchat%2F");

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var link = start.Headers.Location!.ToString();
        Assert.StartsWith($"{WeCom.OAuthAuthorizeUrl}?appid={FakeWeComServer.CorpId}&redirect_uri={Uri.EscapeDataString(Callback.ToString())}"
            + "&response_type=code&scope=snsapi_base&state=", link, StringComparison.Ordinal);
        Assert.EndsWith($"&agentid={WeComCallbackRequests.AgentId}#wechat_redirect", link, StringComparison.Ordinal);
        var state = StateOf(start.Headers.Location);
        Assert.Matches("^[0-9a-f]{32}$", state);
        var cookie = Assert.Single(start.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"wa.wecom.{state}=", StringComparison.Ordinal));
        Assert.Contains("path=/signin/wecom/callback", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_QrLoginOnAPcBrowser_OpensAConsoleSession()
    {
        var seed = await BotSeed.Create(silo.Api);
        using var browser = Browser();
        WeCom.SignedIn = FakeWeComUser.Member(seed.TeamLeadWeCom);

        var landed = await browser.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme&qr=true");

        var me = await landed.Json(HttpStatusCode.OK);
        Assert.Equal(seed.TeamLead, me.Str("employeeId"));
        Assert.Equal("console", me.Str("door"));
        var visit = WeCom.PageVisits[^1];
        Assert.Equal("/wwlogin/sso/login", visit.Api);
        Assert.Equal(("CorpApp", FakeWeComServer.CorpId, Callback.ToString()),
            ((string?)visit.Body["login_type"], (string?)visit.Body["appid"], (string?)visit.Body["redirect_uri"]));
    }

    [Fact]
    public async Task SignIn_QrLoginNobodyConfirmed_Is403AndOpensNoSession()
    {
        using var browser = Browser();
        WeCom.SignedIn = null;

        var landed = await browser.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme&qr=true");

        await landed.Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SignIn_MemberLinkedToNoEmployee_Is403AndOpensNoSession()
    {
        using var browser = Browser();
        WeCom.SignedIn = FakeWeComUser.Member($"nobody-{Guid.NewGuid():N}");

        var landed = await browser.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme");

        var problem = await landed.Problem(HttpStatusCode.Forbidden);
        Assert.Contains("not linked to an employee", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SignIn_SomeoneOutsideTheOrganisation_Is403AndOpensNoSession()
    {
        using var browser = Browser();
        WeCom.SignedIn = FakeWeComUser.Outsider($"o{Guid.NewGuid():N}");

        var landed = await browser.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme");

        var problem = await landed.Problem(HttpStatusCode.Forbidden);
        Assert.Contains("Only members", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SignIn_DeactivatedEmployee_Is403AndOpensNoSession()
    {
        var seed = await BotSeed.Create(silo.Api);
        await (await silo.Api.As("Admin").PutJson($"/api/employees/{seed.Advisor}", new
        {
            name = "陈顾问", role = "Advisor", branchId = seed.Branch, managerId = seed.TeamLead, wecomUserId = seed.AdvisorWeCom, deactivated = true,
        })).Json(HttpStatusCode.OK);
        using var browser = Browser();
        WeCom.SignedIn = FakeWeComUser.Member(seed.AdvisorWeCom);

        var landed = await browser.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme");

        var problem = await landed.Problem(HttpStatusCode.Forbidden);
        Assert.Contains("Deactivated", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SignIn_ReplayedCode_Is403AndOpensNoSession()
    {
        var seed = await BotSeed.Create(silo.Api);
        WeCom.SignedIn = FakeWeComUser.Member(seed.AdvisorWeCom);
        using var first = Browser(followRedirects: false);
        var (code, state) = await ToWeComAndBack(first);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync($"{Callback}?code={code}&state={state}")).StatusCode);

        // Another browser starts its own sign-in (so its state is genuine) and presents the code already used.
        using var replaying = Browser(followRedirects: false);
        var start = await replaying.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme");
        var replay = await replaying.GetAsync($"{Callback}?code={code}&state={StateOf(start.Headers.Location!)}");

        var problem = await replay.Problem(HttpStatusCode.Forbidden);
        Assert.Contains("40029", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replaying.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongMissingOrAnotherBrowsersState_Is403AndSpendsNoCode()
    {
        var seed = await BotSeed.Create(silo.Api);
        WeCom.SignedIn = FakeWeComUser.Member(seed.AdvisorWeCom);
        using var browser = Browser(followRedirects: false);
        var (code, state) = await ToWeComAndBack(browser);
        using var other = Browser(followRedirects: false);

        var wrong = await browser.GetAsync($"{Callback}?code={code}&state={new string('a', 32)}");
        var missing = await browser.GetAsync($"{Callback}?code={code}");
        var elsewhere = await other.GetAsync($"{Callback}?code={code}&state={state}");

        foreach (var refused in new[] { wrong, missing, elsewhere })
        {
            var problem = await refused.Problem(HttpStatusCode.Forbidden);
            Assert.Contains("state", problem.Str("detail"), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Contains(code, WeCom.OutstandingCodes);
        // The browser that started it still completes it: nothing above asked WeCom or spent the state.
        var genuine = await browser.GetAsync($"{Callback}?code={code}&state={state}");
        Assert.Equal("/api/me", genuine.Headers.Location?.ToString());
        Assert.Equal(seed.Advisor, (await (await browser.GetAsync("/api/me")).Json(HttpStatusCode.OK)).Str("employeeId"));
    }

    [Fact]
    public async Task SignIn_AfterWeComDroppedTheAppsToken_RefreshesItAndSignsIn()
    {
        var seed = await BotSeed.Create(silo.Api);
        using var browser = Browser();
        WeCom.SignedIn = FakeWeComUser.Member(seed.AdvisorWeCom);
        await (await browser.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme")).Json(HttpStatusCode.OK);
        WeCom.ExpireToken();
        using var later = Browser();

        var landed = await later.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme");

        Assert.Equal(seed.Advisor, (await landed.Json(HttpStatusCode.OK)).Str("employeeId"));
    }

    [Fact]
    public async Task SignIn_ReturnUrlOfAnotherSite_LandsOnThisSilo()
    {
        var seed = await BotSeed.Create(silo.Api);
        using var browser = Browser();
        WeCom.SignedIn = FakeWeComUser.Member(seed.AdvisorWeCom);

        var landed = await browser.GetAsync("/signin/wecom?returnUrl=%2F%2Fevil.example%2F");

        Assert.Equal(silo.Api.BaseAddress.Authority, landed.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("/", landed.RequestMessage.RequestUri.AbsolutePath);
    }

    /// <summary>Starts a sign-in and follows it to WeCom, stopping before the callback: the code and state WeCom sent back.</summary>
    private async Task<(string Code, string State)> ToWeComAndBack(HttpClient browser)
    {
        var start = await browser.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme");
        var atWeCom = await browser.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, atWeCom.StatusCode);
        var back = atWeCom.Headers.Location!;
        Assert.Equal(Callback.AbsolutePath, back.AbsolutePath);
        var query = QueryHelpers.ParseQuery(back.Query);
        return (query["code"]!, query["state"]!);
    }

    private static string StateOf(Uri link) =>
        QueryHelpers.ParseQuery(link.Query.Split('#')[0])["state"]!;

    /// <summary>A browser-like client: keeps cookies and, unless told not to, follows redirects between the Silo and WeCom.</summary>
    private HttpClient Browser(bool followRedirects = true) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = followRedirects })
        {
            BaseAddress = silo.Api.BaseAddress,
        };
}
