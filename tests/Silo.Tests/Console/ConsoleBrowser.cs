using System.Collections.Concurrent;
using Microsoft.Playwright;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.WebConsole;

/// <summary>
/// A person at the console in headless Chromium: signs in through the real provider (the authorization code flow,
/// end to end), opens pages at the size the console is made for, and saves what they saw. Every screenshot also checks
/// that the page broke no rule of its Content-Security-Policy and fetched nothing from anywhere but the Silo.
/// </summary>
public sealed class ConsoleBrowser(HeadlessChromium chromium, ApiFactory silo, ITestOutputHelper output) : IAsyncDisposable
{
    /// <summary>The laptop screen of a branch office.</summary>
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };

    /// <summary>A phone, as WeCom's built-in browser shows the console.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<string> _elsewhere = new();

    public IPage Page { get; private set; } = null!;

    public static async Task<ConsoleBrowser> Open(ApiFactory silo, ITestOutputHelper output)
    {
        var browser = new ConsoleBrowser(await HeadlessChromium.Start(), silo, output);
        browser.Page = await browser.Chromium.Browser.NewPageAsync();
        await browser.Page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
        var origin = silo.BaseAddress.GetLeftPart(UriPartial.Authority);
        browser.Page.Console += (_, message) =>
        {
            output.WriteLine($"console {message.Type}: {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                browser._violations.Enqueue(message.Text);
            }
        };
        browser.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                output.WriteLine($"answer {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        browser.Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith(ApiFactory.IdentityProvider.Authority.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
            {
                browser._elsewhere.Enqueue(request.Url);
            }
        };
        return browser;
    }

    private HeadlessChromium Chromium => chromium;

    public string Url(string path) => new Uri(silo.BaseAddress, path).ToString();

    /// <summary>Opens <paramref name="path"/> as <paramref name="employeeId"/>: the console sends the browser to sign in and back.</summary>
    public async Task SignInAndOpen(string employeeId, string path)
    {
        ApiFactory.IdentityProvider.SignedInEmployee = employeeId;
        await Page.GotoAsync(Url(path));
        await Page.WaitForURLAsync(Url(path));
        await Assertions.Expect(Page.Locator("[data-test=person]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    public async Task SignOut()
    {
        await Page.Locator("[data-test=sign-out]").ClickAsync();
        // Generous: on a busy test machine the click travels through the circuit before the browser leaves.
        await Page.WaitForURLAsync(Url("/"), new() { Timeout = 60_000 });
        var session = await Page.Context.CookiesAsync([Url("/")]);
        Assert.DoesNotContain(session, c => c.Name == "wa.session");
    }

    /// <summary>Saves the page as the test's artifact under the test output's screenshots folder.</summary>
    public async Task Screenshot(string name, bool fullPage = false)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await Page.ScreenshotAsync(new() { Path = file, FullPage = fullPage });
        output.WriteLine($"screenshot: {file}");
        Assert.True(_violations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', _violations));
        Assert.True(_elsewhere.IsEmpty, "Fetched from elsewhere:\n" + string.Join('\n', _elsewhere));
    }

    public async ValueTask DisposeAsync() => await chromium.DisposeAsync();
}
