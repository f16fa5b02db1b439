using Microsoft.Playwright;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Bot;

/// <summary>
/// The web console in real headless Chromium (the machine's own, driven by Playwright): sign in through the bank's
/// OpenID Connect provider, chat as oneself and watch the inbox change live when an escalation fires.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class WebChatBrowserTests(BotSiloFixture silo, ITestOutputHelper output) : IAsyncLifetime
{
    private HeadlessChromium _chromium = null!;

    private IBrowserContext Browser => _chromium.Browser;

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.Start();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    [Fact]
    public async Task WebChat_ChatAndLiveInbox_WorkInARealBrowser()
    {
        var seed = await BotSeed.Create(silo.Api, escalateAfter: "PT4S");
        var page = await Browser.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console: {message.Text}");
        await page.GotoAsync(new Uri(silo.Api.BaseAddress, "/webchat/").ToString());

        // The provider has the team lead's browser session: signing in is the authorization code flow, end to end.
        ApiFactory.IdentityProvider.SignedInEmployee = seed.TeamLead;
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(new Uri(silo.Api.BaseAddress, "/webchat/").ToString());
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("李经理");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("live");

        await page.FillAsync("#chat-input", "我的待办");
        await page.PressAsync("#chat-input", "Enter");
        await Assertions.Expect(page.Locator(".bubble.bot").Last).ToContainTextAsync("您目前没有待办投诉");

        // An escalation fires a few seconds after opening; the page shows it without being reloaded.
        var complaintId = await seed.OpenComplaint(silo.Api);
        var item = page.Locator($"#inbox .inbox-item[data-key='{complaintId}:1:1']");
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(item).ToContainTextAsync("投诉升级");
        await Assertions.Expect(item.Locator(".chip", new() { HasText = "wecom" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The card's button sends its command as the signed-in person.
        await item.GetByRole(AriaRole.Button, new() { Name = "受理" }).ClickAsync();
        await Assertions.Expect(page.Locator(".bubble.bot").Last).ToContainTextAsync($"已受理投诉 {complaintId}");

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "webchat.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
    }

    [Fact]
    public async Task WebChat_SignInWithWeCom_ChatsAsTheLinkedEmployee()
    {
        var seed = await BotSeed.Create(silo.Api);
        var page = await Browser.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console: {message.Text}");
        await page.GotoAsync(new Uri(silo.Api.BaseAddress, "/webchat/").ToString());

        // The fake WeCom client is signed in as the advisor: the link goes to WeCom and comes back with a session.
        silo.WeCom.SignedIn = FakeWeComUser.Member(seed.AdvisorWeCom);
        await page.ClickAsync("#signin-wecom");
        // The browser keeps the authorization link's #wechat_redirect through the redirects back, as it does with WeCom.
        await page.WaitForURLAsync(url => url.StartsWith(new Uri(silo.Api.BaseAddress, "/webchat/").ToString(), StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("陈顾问");

        await page.FillAsync("#chat-input", "我的待办");
        await page.PressAsync("#chat-input", "Enter");
        await Assertions.Expect(page.Locator(".bubble.bot").Last).ToContainTextAsync("您目前没有待办投诉");
    }
}
