using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Bot;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.WebConsole;

/// <summary>
/// The reports in a real browser, signed in through the real provider: the figures of a branch head's branch equal
/// what the API says of the same cases and clients, and each figure opens the list of exactly the rows it counts.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class ReportsTests(BotSiloFixture silo, ITestOutputHelper output)
{
    [Fact]
    public async Task Reports_CountTheBranch_AndDrillDownToTheirLists()
    {
        var org = await PeopleOrg.Create(silo.Api);
        var system = silo.Api.As("System");
        var maturing = $"{org.Branch}-M";
        await (await system.PutJson($"/api/clients/{maturing}", new { name = "到期客户", branchId = org.Branch, advisorId = org.OtherAdvisor })).Json(HttpStatusCode.OK);
        await (await system.PostJson($"/api/clients/{maturing}/holdings", new
        {
            productCode = "TR-1", productName = "鑫盛1号", productRisk = "R3", amount = 3_000_000m,
            maturityDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)),
        })).Json(HttpStatusCode.OK);
        var fees = new[] { await Open(org.Client, "Fees"), await Open(org.Client, "Fees") };
        var service = await Open(org.Client, "Service");
        var advisor = await silo.Api.AsPerson(org.Advisor);
        await (await advisor.PostJson($"/api/complaints/{service}/acknowledge", new { text = "已回电" })).Json(HttpStatusCode.OK);
        await (await advisor.PostJson($"/api/complaints/{service}/resolve", new { text = "已解决" })).Json(HttpStatusCode.OK);
        var apiCases = await ApiComplaints(org);
        Assert.Equal(3, apiCases.Count);

        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        await browser.SignInAndOpen(org.Head, "/console/reports");
        var page = browser.Page;

        // This week's attainment of the branch: three received, one answered and resolved in time.
        var attainment = page.Locator($"[data-test=attainment-row][data-branch='{org.Branch}']");
        await Assertions.Expect(attainment).ToHaveAttributeAsync("data-received", "3", new() { Timeout = 30_000 });
        await Assertions.Expect(attainment.Locator("[data-test=first-response-percent]")).ToContainTextAsync("100%");
        await Assertions.Expect(page.Locator("[data-test=category-row][data-category=Fees]")).ToHaveAttributeAsync("data-cases", "2");
        await Assertions.Expect(page.Locator($"[data-test=workload-row][data-employee='{org.Advisor}']")).ToHaveAttributeAsync("data-open", "2");
        await Assertions.Expect(page.Locator("[data-test=maturity-row]").First).ToHaveAttributeAsync("data-clients", "1");
        var tierClients = await page.Locator("[data-test=tier-row]").EvaluateAllAsync<int[]>("rows => rows.map(r => Number(r.dataset.clients))");
        Assert.Equal(2, tierClients.Sum());
        await browser.Screenshot("console-reports", fullPage: true);

        await page.Locator("[data-test=category-row][data-category=Fees] [data-test=drill]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=total]")).ToHaveAttributeAsync("data-count", "2", new() { Timeout = 30_000 });
        Assert.Equal(fees.Order(StringComparer.Ordinal), (await page.Locator("[data-test=complaint-row]").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.dataset.complaint)")).Order(StringComparer.Ordinal));
        await browser.Screenshot("console-report-drilldown");

        await page.GoBackAsync();
        await page.Locator("[data-test=maturity-row]").First.Locator("[data-test=drill]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=total]")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"[data-test=client-row][data-client='{maturing}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Reports_AnAdvisorSeesOnlyTheirOwnBook()
    {
        var org = await PeopleOrg.Create(silo.Api);
        await Open(org.Client, "Fees");
        var theirs = $"{org.Branch}-T";
        await (await silo.Api.As("System").PutJson($"/api/clients/{theirs}", new { name = "别人的客户", branchId = org.Branch, advisorId = org.OtherAdvisor })).Json(HttpStatusCode.OK);
        await Open(theirs, "Service");

        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        await browser.SignInAndOpen(org.Advisor, "/console/reports");

        await Assertions.Expect(browser.Page.Locator("[data-test=category-row]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(browser.Page.Locator("[data-test=category-row][data-category=Fees]")).ToHaveAttributeAsync("data-cases", "1");
        Assert.Equal([org.Advisor], await browser.Page.Locator("[data-test=workload-row]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.employee)"));
    }

    private async Task<string> Open(string clientId, string category) =>
        (await (await silo.Api.As("System").PostJson("/api/complaints", new
        {
            clientId, category, severity = "High", channel = "branch", description = "转账三天未到账", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");

    // What the API lists of the branch, once the read model holds all three cases.
    private async Task<JsonArray> ApiComplaints(PeopleOrg org)
    {
        JsonArray cases = [];
        await WealthActors.Testing.Eventually.Until(async () =>
        {
            cases = (await (await (await silo.Api.AsPerson(org.Head)).GetAsync($"/api/complaints?branchId={org.Branch}")).Json(HttpStatusCode.OK)).AsArray();
            return cases.Count == 3 && cases.Any(c => c!.Str("status") == "Resolved");
        }, done => done, "the branch's three cases in the read model");
        return cases;
    }
}
