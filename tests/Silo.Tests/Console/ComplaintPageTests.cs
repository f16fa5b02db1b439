using System.Net;
using Microsoft.Playwright;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Bot;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.WebConsole;

/// <summary>
/// One complaint in the console, in a real browser: the person acts on it as themselves with the API's rules and
/// refusals, each action lands in the timeline, the API and the audit trail, and a case outside their scope does not exist.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class ComplaintPageTests(BotSiloFixture silo, ITestOutputHelper output)
{
    [Fact]
    public async Task Acknowledge_AndNote_ShowInTheTimeline_TheApiAndTheAuditTrail()
    {
        var org = await PeopleOrg.Create(silo.Api);
        var id = await Open(org.Client);
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        await browser.SignInAndOpen(org.Advisor, $"/console/complaints/{id}");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("[data-test=rung]").First).ToBeVisibleAsync();

        await page.Locator("[data-test=cmd-acknowledge]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToHaveAttributeAsync("data-status", "200");
        await Assertions.Expect(page.Locator("[data-test=event][data-kind=Acknowledged]")).ToHaveCountAsync(1);
        await Field(page, "action-text").FillAsync("已致电客户，说明处理进度");
        await page.Locator("[data-test=cmd-notes]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=event][data-kind=Note]")).ToContainTextAsync("已致电客户，说明处理进度");
        await browser.Screenshot("console-complaint");

        using var advisor = await silo.Api.AsPerson(org.Advisor);
        var complaint = await (await advisor.GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal("Acknowledged", complaint.Str("status"));
        var note = Assert.Single(complaint["timeline"]!.AsArray(), e => e!.Str("kind") == "Note")!;
        Assert.Equal(("已致电客户，说明处理进度", org.Advisor), (note.Str("text"), note.Str("by")));
        var audited = (await AuditReader.Of(silo.Api, "complaint", id)).Where(e => e.Str("door") == "console").ToList();
        Assert.Equal(["complaint.notes", "complaint.acknowledge"], audited.Select(e => e.Str("action")));
        Assert.All(audited, e => Assert.Equal((org.Advisor, "200"), (e.Str("employeeId"), e.Str("outcome"))));
    }

    [Fact]
    public async Task WhatAColleagueDoes_ShowsWithoutAReload()
    {
        var org = await PeopleOrg.Create(silo.Api);
        var id = await Open(org.Client);
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        await browser.SignInAndOpen(org.Head, $"/console/complaints/{id}");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveAttributeAsync("data-value", "Open");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        using var advisor = await silo.Api.AsPerson(org.Advisor);
        await (await advisor.PostJson($"/api/complaints/{id}/acknowledge", new { text = "已回电" })).Json(HttpStatusCode.OK);

        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveAttributeAsync("data-value", "Acknowledged", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-test=event][data-kind=Acknowledged]")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
    }

    [Fact]
    public async Task ResolveTwice_ShowsTheApisRefusalAndChangesNothing()
    {
        var org = await PeopleOrg.Create(silo.Api);
        var id = await Open(org.Client);
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        await browser.SignInAndOpen(org.Advisor, $"/console/complaints/{id}");
        var page = browser.Page;

        await Field(page, "action-text").FillAsync("已退还手续费");
        await page.Locator("[data-test=cmd-resolve]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveAttributeAsync("data-value", "Resolved");
        await Field(page, "action-text").FillAsync("再次办结");
        await page.Locator("[data-test=cmd-resolve]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToHaveAttributeAsync("data-status", "409");
        using var advisor = await silo.Api.AsPerson(org.Advisor);
        var again = await advisor.PostJson($"/api/complaints/{id}/resolve", new { text = "再次办结" });
        var problem = await again.Problem(HttpStatusCode.Conflict);
        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToContainTextAsync(problem.Str("title"));
        await Assertions.Expect(page.Locator("[data-test=event][data-kind=Resolved]")).ToHaveCountAsync(1);
        await browser.Screenshot("console-complaint-refused");
    }

    [Fact]
    public async Task AComplaintOutsideTheScope_IsNotFound()
    {
        var org = await PeopleOrg.Create(silo.Api);
        var id = await Open(org.Client);
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);

        await browser.SignInAndOpen(org.OtherAdvisor, $"/console/complaints/{id}");

        await Assertions.Expect(browser.Page.Locator("[data-test=not-found]")).ToBeVisibleAsync();
        Assert.Equal(0, await browser.Page.Locator("[data-test=complaint-id]").CountAsync());
    }

    private async Task<string> Open(string clientId) =>
        (await (await silo.Api.As("System").PostJson("/api/complaints", new
        {
            clientId, category = "Fees", severity = "High", channel = "branch", description = "手续费扣错", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");

    private static ILocator Field(IPage page, string name) => page.Locator($"input[data-test={name}], textarea[data-test={name}], [data-test={name}] input, [data-test={name}] textarea").First;
}
