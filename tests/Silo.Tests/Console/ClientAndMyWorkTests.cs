using System.Net;
using Microsoft.Playwright;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Bot;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.WebConsole;

/// <summary>The console's client 360° page (masked as the API masks it for the same person) and the person's own work.</summary>
[Collection(BotSiloCollection.Name)]
public sealed class ClientAndMyWorkTests(BotSiloFixture silo, ITestOutputHelper output)
{
    [Fact]
    public async Task Client360_MaskedAsTheApiMasksIt_UnmaskedReadsAudited_AdminSeesNoClient()
    {
        var org = await PeopleOrg.Create(silo.Api);
        var system = silo.Api.As("System");
        await (await system.PostJson($"/api/clients/{org.Client}/holdings", new
        {
            productCode = "WM-01", productName = "稳健理财", productRisk = "R2", amount = 7_000_000m, maturityDate = "2027-06-30",
        })).Json(HttpStatusCode.OK);
        await (await system.PostJson($"/api/clients/{org.Client}/interactions", new
        {
            kind = "Call", employeeId = org.Advisor, note = "沟通到期安排",
        })).Json(HttpStatusCode.Created);
        var complaintId = (await (await system.PostJson("/api/complaints", new
        {
            clientId = org.Client, category = "Fees", severity = "High", channel = "branch", description = "手续费扣错", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");
        var admin = $"{org.Branch}-AD";
        await (await silo.Api.As("Admin").PutJson($"/api/employees/{admin}", new { name = "管理员", role = "Admin", branchId = org.Branch })).Json(HttpStatusCode.OK);
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        var page = browser.Page;

        await browser.SignInAndOpen(org.Advisor, $"/console/clients/{org.Client}");
        using var advisor = await silo.Api.AsPerson(org.Advisor);
        var asTheApiShows = (await (await advisor.GetAsync($"/api/clients/{org.Client}")).Json(HttpStatusCode.OK))["profile"]!;
        await Assertions.Expect(page.Locator("[data-test=phone]")).ToHaveTextAsync(asTheApiShows.Str("phone"));
        Assert.Equal("139****5678", asTheApiShows.Str("phone"));
        await Assertions.Expect(page.Locator("[data-test=holding]")).ToContainTextAsync("2027-06-30");
        await Assertions.Expect(page.Locator("[data-test=interactions]")).ToContainTextAsync("沟通到期安排");
        await Assertions.Expect(page.Locator($"[data-test=complaint-row][data-complaint='{complaintId}']")).ToBeVisibleAsync();
        await browser.Screenshot("console-client");
        Assert.DoesNotContain(await AuditReader.Of(silo.Api, "client", org.Client), e => e.Str("door") == "console");

        await browser.SignOut();
        await browser.SignInAndOpen(org.Compliance, $"/console/clients/{org.Client}");
        await Assertions.Expect(page.Locator("[data-test=phone]")).ToHaveTextAsync("13912345678");
        var unmasked = Assert.Single(await AuditReader.Of(silo.Api, "client", org.Client), e => e.Str("door") == "console");
        Assert.Equal(("client.read-unmasked", org.Compliance), (unmasked.Str("action"), unmasked.Str("employeeId")));

        await browser.SignOut();
        await browser.SignInAndOpen(admin, $"/console/clients/{org.Client}");
        await Assertions.Expect(page.Locator("[data-test=not-found]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task MyWork_TheAdvisorsQueue_AndTheEscalationInTheTeamLeadsInbox()
    {
        var seed = await BotSeed.Create(silo.Api, escalateAfter: "PT2S");
        var complaintId = await seed.OpenComplaint(silo.Api);
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        var page = browser.Page;

        await browser.SignInAndOpen(seed.Advisor, "/console/my-work");
        await Assertions.Expect(page.Locator($"[data-test=complaint-row][data-complaint='{complaintId}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await browser.SignOut();
        await browser.SignInAndOpen(seed.TeamLead, "/console/my-work");
        // The ladder's first rung reaches the team lead seconds after opening; the open page shows it by itself.
        await Assertions.Expect(page.Locator($"[data-test=inbox-item][data-key='{complaintId}:1:1']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-test=complaint-row]")).ToHaveCountAsync(0);
        await browser.Screenshot("console-my-work");
    }

    [Fact]
    public async Task MyWork_TheAdvisorFinishesATaskAsThemselves_TheClientPageListsItsOpenTasks()
    {
        var seed = await BotSeed.Create(silo.Api);
        var system = silo.Api.As("System");
        async Task<string> CreateTask(string title) => (await (await system.PostJson("/api/tasks", new
        {
            clientId = seed.Client, title, due = DateTimeOffset.UtcNow.AddDays(2), owner = seed.Advisor,
        })).Json(HttpStatusCode.Created)).Str("taskId");
        var call = await CreateTask("回电确认到期安排");
        var review = await CreateTask("季度回顾");
        await using var browser = await ConsoleBrowser.Open(silo.Api, output);
        var page = browser.Page;

        await browser.SignInAndOpen(seed.Advisor, "/console/my-work");
        var row = page.Locator($"[data-test=task-row][data-task='{call}']");
        await Assertions.Expect(row).ToContainTextAsync("回电确认到期安排", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"[data-test=task-row][data-task='{review}']")).ToBeVisibleAsync();

        // Done without an outcome is refused as the API refuses it, and changes nothing.
        await row.Locator("[data-test=task-complete]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=task-refusal]")).ToContainTextAsync("400");
        await row.Locator("input[data-test=task-outcome]").FillAsync("客户同意续作");
        await row.Locator("[data-test=task-complete]").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.Locator($"[data-test=task-row][data-task='{review}'] [data-test=task-snooze-week]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-test=task-row][data-task='{review}']")).ToContainTextAsync("已延后");
        await browser.Screenshot("console-my-work-tasks");

        var done = await (await system.GetAsync($"/api/tasks/{call}")).Json(HttpStatusCode.OK);
        Assert.Equal(("Done", "客户同意续作"), (done.Str("status"), done.Str("outcome")));
        var finished = done["timeline"]!.AsArray().Last()!;
        Assert.Equal(("Done", seed.Advisor), (finished.Str("kind"), finished.Str("by")));
        var audited = await AuditReader.Of(silo.Api, "task", call);
        Assert.Equal(["200", "400"], audited.Where(e => e.Str("door") == "console" && e.Str("action") == "task.complete").Select(e => e.Str("outcome")).Order());
        Assert.Equal("Snoozed", (await (await system.GetAsync($"/api/tasks/{review}")).Json(HttpStatusCode.OK)).Str("status"));

        // The client's page shows what is still to do for them, whoever owns it.
        await page.GotoAsync(browser.Url($"/console/clients/{seed.Client}"));
        await Assertions.Expect(page.Locator($"[data-test=task-row][data-task='{review}']")).ToContainTextAsync(seed.Advisor);
        await Assertions.Expect(page.Locator($"[data-test=task-row][data-task='{call}']")).ToHaveCountAsync(0);
    }
}
