using System.Collections.Concurrent;
using Microsoft.Playwright;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Security;

/// <summary>
/// The Silo's pages under their Content-Security-Policy in real headless Chromium (the machine's own, driven by
/// Playwright): each renders, the browser reports no violation, and nothing is fetched from anywhere but the Silo.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PagesInBrowserTests(ApiFactory api, ITestOutputHelper output) : IAsyncLifetime
{
    private HeadlessChromium _chromium = null!;

    private IBrowserContext Browser => _chromium.Browser;

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.Start();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    [Fact]
    public async Task ApiReference_RendersTheOperationsFromTheSiloAlone()
    {
        var (page, violations, elsewhere) = await Open("/docs/");

        await Assertions.Expect(page.GetByText("Organization").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("SLA policies").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await Finish(page, "docs", violations, elsewhere);
    }

    [Fact]
    public async Task Dashboard_WithAnAdminKey_RendersTheOverview()
    {
        var (page, violations, elsewhere) = await Open("/dashboard/", ApiFactory.Keys["Admin"]);

        await Assertions.Expect(page.GetByText("Active Silos").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await Finish(page, "dashboard", violations, elsewhere);
    }

    [Fact]
    public async Task WebChat_LoadsItsScriptAndConnects()
    {
        var (page, violations, elsewhere) = await Open("/webchat/");

        // A token of nobody the Silo knows: the page still runs its script and asks the Silo who is calling.
        await page.FillAsync("#access-token", await ApiFactory.IdentityProvider.TokenFor("NOBODY-HERE"));
        await page.ClickAsync("#connect");
        // The script ran (it answered the click) and its requests to the Silo were allowed.
        await Assertions.Expect(page.Locator("#status")).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });

        await Finish(page, "webchat", violations, elsewhere);
    }

    private async Task<(IPage Page, ConcurrentQueue<string> Violations, ConcurrentQueue<string> Elsewhere)> Open(string path, string? apiKey = null)
    {
        var page = await Browser.NewPageAsync();
        if (apiKey is not null)
        {
            // As the proxy in front of the dashboard would.
            await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Api-Key"] = apiKey });
        }

        var violations = new ConcurrentQueue<string>();
        var elsewhere = new ConcurrentQueue<string>();
        var origin = api.BaseAddress.GetLeftPart(UriPartial.Authority);
        page.Console += (_, message) =>
        {
            output.WriteLine($"console {message.Type}: {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                elsewhere.Enqueue(request.Url);
            }
        };
        await page.GotoAsync(new Uri(api.BaseAddress, path).ToString());
        return (page, violations, elsewhere);
    }

    private async Task Finish(IPage page, string name, ConcurrentQueue<string> violations, ConcurrentQueue<string> elsewhere)
    {
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.Empty(violations);
        Assert.Empty(elsewhere);
    }
}
