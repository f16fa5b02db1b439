using System.Net;
using Microsoft.Playwright;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Bot;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.WebConsole;

/// <summary>
/// The console's SLA board in a real browser, signed in through the real provider: each person sees their scope, the
/// counts equal the API's for the same person, and the board follows the read model without a reload. In the bot
/// collection, like the other sign-in tests, because the shared provider has one signed-in person at a time.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class SlaBoardTests(BotSiloFixture silo, ITestOutputHelper output)
{
    private static readonly string[] States = ["OnTrack", "AtRisk", "Breached", "Paused"];

    [Fact]
    public async Task Console_WithoutASession_SendsTheBrowserToSignInAndBack()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = silo.Api.BaseAddress };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        using var program = silo.Api.As(null);

        var response = await client.GetAsync("/console/board?lang=en");
        var fromAProgram = await program.GetAsync("/console/board");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fconsole%2Fboard%3Flang%3Den", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, fromAProgram.StatusCode);
    }

    [Fact]
    public async Task Board_BranchHeadSeesTheBranch_AdvisorTheirOwn_CountsEqualTheApi()
    {
        var org = await PeopleOrg.Create(silo.Api);
        var otherClient = $"{org.Branch}-C2";
        await (await silo.Api.As("System").PutJson($"/api/clients/{otherClient}", new
        {
            name = "林小姐", phone = "13800001111", branchId = org.Branch, advisorId = org.OtherAdvisor,
        })).Json(HttpStatusCode.OK);
        var mine = new[] { await Open(org.Client, "Service"), await Open(org.Client, "Fees") };
        var theirs = await Open(otherClient, "Service");
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);

        await browser.SignInAndOpen(org.Head, "/console");
        await BoardShows(browser, [.. mine, theirs]);
        await AssertCountsEqualTheApi(browser, org.Head);
        await browser.Screenshot("console-board");

        await browser.SignOut();
        await browser.SignInAndOpen(org.Advisor, "/console");
        await BoardShows(browser, mine);
        await AssertCountsEqualTheApi(browser, org.Advisor);
        Assert.Equal(0, await browser.Page.Locator($"[data-test=row][data-complaint='{theirs}']").CountAsync());
    }

    [Fact]
    public async Task Board_Filters_NarrowTheCountsAndRowsOnTheServer()
    {
        var org = await PeopleOrg.Create(silo.Api);
        var service = await Open(org.Client, "Service");
        var fees = await Open(org.Client, "Fees");
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        await browser.SignInAndOpen(org.Head, "/console");
        await BoardShows(browser, [service, fees]);

        var category = browser.Page.Locator("input[data-test=filter-category], [data-test=filter-category] input");
        await category.FillAsync("Fees");
        await category.PressAsync("Enter");

        await BoardShows(browser, [fees]);
        await Assertions.Expect(browser.Page.Locator("[data-test=count-all]")).ToHaveAttributeAsync("data-count", "1");
    }

    [Fact]
    public async Task Board_AnEscalation_ShowsWithoutAReload_AndTheLanguageSwitches()
    {
        var seed = await BotSeed.Create(silo.Api, escalateAfter: "PT5S");
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        await browser.SignInAndOpen(seed.BranchHead, "/console");
        await Assertions.Expect(browser.Page.Locator("[data-test=nav-board]")).ToHaveTextAsync("SLA 看板");

        var complaintId = await seed.OpenComplaint(silo.Api);
        var row = browser.Page.Locator($"[data-test=row][data-complaint='{complaintId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The ladder's first rung fires seconds after opening; the open board shows the new level by itself.
        await Assertions.Expect(row.Locator("[data-test=level]")).ToHaveTextAsync("1", new() { Timeout = 30_000 });

        await browser.Page.Locator("[data-test=language]").ClickAsync();
        await Assertions.Expect(browser.Page.Locator("[data-test=nav-board]")).ToHaveTextAsync("SLA board", new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await browser.Screenshot("console-board-en");

        // On a phone the page keeps its width; only the table scrolls sideways.
        await browser.Page.SetViewportSizeAsync(ConsoleBrowser.Phone.Width, ConsoleBrowser.Phone.Height);
        await Assertions.Expect(browser.Page.Locator("[data-test=sign-out]")).ToBeInViewportAsync();
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the phone");
        await browser.Screenshot("console-board-phone");
    }

    private async Task<string> Open(string clientId, string category) =>
        (await (await silo.Api.As("System").PostJson("/api/complaints", new
        {
            clientId, category, severity = "High", channel = "branch", description = "转账三天未到账", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");

    /// <summary>Waits until the board lists exactly <paramref name="ids"/>.</summary>
    private static async Task BoardShows(ConsoleBrowser browser, IReadOnlyCollection<string> ids)
    {
        await Assertions.Expect(browser.Page.Locator("[data-test=row]")).ToHaveCountAsync(ids.Count, new() { Timeout = 30_000 });
        foreach (var id in ids)
        {
            await Assertions.Expect(browser.Page.Locator($"[data-test=row][data-complaint='{id}']")).ToBeVisibleAsync();
        }
    }

    private async Task AssertCountsEqualTheApi(ConsoleBrowser browser, string employeeId)
    {
        using var person = await silo.Api.AsPerson(employeeId);
        var listed = (await (await person.GetAsync("/api/complaints?limit=1000")).Json(HttpStatusCode.OK)).AsArray()
            .Where(c => c.Str("status") != "Resolved")
            .ToList();
        foreach (var state in States)
        {
            var expected = listed.Count(c => c.Str("slaState") == state).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Assertions.Expect(browser.Page.Locator($"[data-test=count-{state}]")).ToHaveAttributeAsync("data-count", expected);
        }

        await Assertions.Expect(browser.Page.Locator("[data-test=count-all]"))
            .ToHaveAttributeAsync("data-count", listed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
