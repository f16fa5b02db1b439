using Microsoft.Playwright;

namespace WealthActors.Testing.Browser;

/// <summary>
/// The machine's own Chromium (Debian's package, installed by scripts/install-test-deps.sh), headless, driven by
/// Playwright, with a throwaway profile: what the browser tests and the console benchmark open pages in.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _profile;
    private readonly IPlaywright _playwright;

    private HeadlessChromium(string profile, IPlaywright playwright, IBrowserContext browser)
    {
        _profile = profile;
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowserContext Browser { get; }

    public static async Task<HeadlessChromium> Start()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: scripts/install-test-deps.sh installs Debian's chromium package");
        }

        var profile = Directory.CreateTempSubdirectory("wealthactors-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return new HeadlessChromium(profile, playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be releasing its profile; the temp folder is cleaned eventually.
        }
    }
}
