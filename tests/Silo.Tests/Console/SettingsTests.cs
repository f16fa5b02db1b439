using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Bot;
using WealthActors.Silo.Tests.Infrastructure;
using WealthActors.Silo.WebConsole;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.WebConsole;

/// <summary>
/// The settings pages: an administrator edits SLA policies, business calendars and the care rules with each error
/// beside its field (the PUT route's own validation), every save a new version in the history with its editor, audited
/// as from the console; anyone else reads them.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class SettingsTests(BotSiloFixture silo, ITestOutputHelper output)
{
    private ApiFactory Api => silo.Api;

    [Fact]
    public async Task SlaPolicy_BadFieldShownBesideIt_NothingSaved_FixedAndSaved_HistoryListsBothWithTheEditor()
    {
        var (org, admin) = await OrgWithAdmin();
        var id = $"set-{Guid.NewGuid():N}"[..14];
        using var adminApi = await Api.AsPerson(admin);
        await (await adminApi.PutJson($"/api/sla-policies/{id}", new
        {
            name = "Console test", match = new { categories = new[] { id } }, priority = 3, clock = "Calendar",
            firstResponse = "PT1H", resolution = "P1D", warnAt = 0.8,
            escalations = new[] { new { after = "PT2H", toRole = "BranchHead", action = "Notify" } },
        })).Json(HttpStatusCode.OK);
        await using var browser = await ConsoleBrowser.Open(Api, output);
        var page = browser.Page;

        await browser.SignInAndOpen(admin, $"/console/settings/sla-policies/{id}");
        await Assertions.Expect(page.Locator("[data-test=version]")).ToHaveAttributeAsync("data-value", "1");
        await Field(page, "field-firstResponse").FillAsync("2 hours");
        await page.Locator("[data-test=save]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToHaveAttributeAsync("data-status", "400");
        await Assertions.Expect(Control(page, "field-firstResponse")).ToContainTextAsync("'2 hours' is not an ISO 8601 duration");
        await Assertions.Expect(Control(page, "field-resolution")).Not.ToContainTextAsync("is not");
        await Assertions.Expect(page.Locator("[data-test=unplaced-error]")).ToHaveCountAsync(0);
        await browser.Screenshot("console-settings-sla-policy-error");
        Assert.Equal(1, (await (await adminApi.GetAsync($"/api/sla-policies/{id}")).Json(HttpStatusCode.OK))["version"]!.GetValue<int>());

        await Field(page, "field-firstResponse").FillAsync("PT45M");
        await page.Locator("[data-test=save]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToHaveAttributeAsync("data-status", "200");
        await Assertions.Expect(page.Locator("[data-test=version-row]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator($"[data-test=version-row][data-saved-by='{admin}']")).ToHaveCountAsync(2);
        await page.Locator("[data-test=version-row][data-version='1'] [data-test=version-view]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=version-content]")).ToContainTextAsync("\"firstResponse\": \"PT1H\"");
        await browser.Screenshot("console-settings-sla-policy", fullPage: true);

        var stored = await (await adminApi.GetAsync($"/api/sla-policies/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal((2, "PT45M", "PT2H"), (stored["version"]!.GetValue<int>(), stored.Str("firstResponse"), stored["escalations"]![0]!.Str("after")));
        using var compliance = await Api.AsPerson(org.Compliance);
        var versions = (await (await compliance.GetAsync($"/api/sla-policies/{id}/versions")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Equal([(2, admin, "console"), (1, admin, "api")], versions.Select(v => (v!["version"]!.GetValue<int>(), v.Str("savedBy"), v.Str("savedVia"))));
        var audited = (await AuditReader.Of(Api, "sla-policy", id)).Where(e => e.Str("door") == "console").ToList();
        Assert.Equal(["200", "400"], audited.Select(e => e.Str("outcome")));
        Assert.All(audited, e => Assert.Equal(("sla-policy.upsert", admin), (e.Str("action"), e.Str("employeeId"))));
    }

    [Fact]
    public async Task Calendar_AHolidayAndAMakeUpWorkingDay_Saved_AndRestoringTheFirstVersionSavesItAgain()
    {
        var (_, admin) = await OrgWithAdmin();
        var id = $"cal-{Guid.NewGuid():N}"[..14];
        await using var browser = await ConsoleBrowser.Open(Api, output);
        var page = browser.Page;

        await browser.SignInAndOpen(admin, $"/console/settings/calendars/{id}");
        await Field(page, "field-name").FillAsync("上海办公室");
        await page.Locator("[data-test=holiday-add]").ClickAsync();
        await Field(page.Locator("[data-test=holiday][data-index='0']"), "holiday-date").FillAsync("2027-02-17");
        await Field(page.Locator("[data-test=holiday][data-index='0']"), "holiday-name").FillAsync("春节");
        await page.Locator("[data-test=make-up-add]").ClickAsync();
        await Field(page.Locator("[data-test=make-up][data-index='0']"), "make-up-date").FillAsync("2027-02-17");
        await page.Locator("[data-test=save]").ClickAsync();

        // The same day as a holiday and a 调休 working day: refused beside the working day, nothing stored.
        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToHaveAttributeAsync("data-status", "400");
        await Assertions.Expect(Control(page.Locator("[data-test=make-up][data-index='0']"), "make-up-date")).ToContainTextAsync("also listed as a holiday");
        await (await Api.As("Manager").GetAsync($"/api/calendars/{id}")).Problem(HttpStatusCode.NotFound);

        await Field(page.Locator("[data-test=make-up][data-index='0']"), "make-up-date").FillAsync("2027-02-20");
        await page.Locator("[data-test=save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToHaveAttributeAsync("data-status", "200");
        await Assertions.Expect(page.Locator("[data-test=version]")).ToHaveAttributeAsync("data-value", "1");
        var stored = await (await Api.As("Manager").GetAsync($"/api/calendars/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal(("上海办公室", "2027-02-17", "春节"), (stored.Str("name"), stored["holidays"]![0]!.Str("date"), stored["holidays"]![0]!.Str("name")));
        Assert.Equal("2027-02-20", Assert.Single(stored["makeUpWorkingDays"]!.AsArray())!.GetValue<string>());
        await browser.Screenshot("console-settings-calendar", fullPage: true);

        await page.Locator("[data-test=holiday-remove]").ClickAsync();
        await page.Locator("[data-test=save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=version]")).ToHaveAttributeAsync("data-value", "2");
        await page.Locator("[data-test=version-row][data-version='1'] [data-test=version-restore]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=version]")).ToHaveAttributeAsync("data-value", "3");
        var restored = await (await Api.As("Manager").GetAsync($"/api/calendars/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal("2027-02-17", Assert.Single(restored["holidays"]!.AsArray())!.Str("date"));
        var versions = (await (await Api.As("Manager").GetAsync($"/api/calendars/{id}/versions")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Equal([3, 2, 1], versions.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Empty(versions[1]!["content"]!["holidays"]!.AsArray());
    }

    [Fact]
    public async Task CareRules_BadStagesShownBesideThem_ThenSaved_AsANewVersionByTheAdmin()
    {
        var (_, admin) = await OrgWithAdmin();
        var before = await (await Api.As("Manager").GetAsync("/api/care-rules")).Json(HttpStatusCode.OK);
        await using var browser = await ConsoleBrowser.Open(Api, output);
        var page = browser.Page;

        await browser.SignInAndOpen(admin, "/console/settings/care-rules");
        var maturity = page.Locator("[data-test=rule][data-rule=care-maturity]");
        await Field(maturity, "rule-stageDays").FillAsync("30, 15, x");
        await page.Locator("[data-test=save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToHaveAttributeAsync("data-status", "400");
        await Assertions.Expect(Control(maturity, "rule-stageDays")).ToContainTextAsync("must be an array of whole numbers");
        Assert.Equal(before.ToJsonString(), (await (await Api.As("Manager").GetAsync("/api/care-rules")).Json(HttpStatusCode.OK)).ToJsonString());

        // The shipped stages again, so the other tests on this Silo see the rules they expect.
        await Field(maturity, "rule-stageDays").FillAsync("30, 15, 7");
        await page.Locator("[data-test=save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToHaveAttributeAsync("data-status", "200");
        await browser.Screenshot("console-settings-care-rules", fullPage: true);

        var versions = (await (await Api.As("Manager").GetAsync("/api/care-rules/versions")).Json(HttpStatusCode.OK)).AsArray();
        Assert.Equal(before["version"]!.GetValue<int>() + 1, versions[0]!["version"]!.GetValue<int>());
        Assert.Equal((admin, "console"), (versions[0]!.Str("savedBy"), versions[0]!.Str("savedVia")));
        Assert.Equal(before["version"]!.GetValue<int>(), versions[1]!["version"]!.GetValue<int>());
        var audited = Assert.Single(await AuditReader.Of(Api, "care-rules", "default"), e => e.Str("outcome") == "200" && e.Str("employeeId") == admin);
        Assert.Equal(("care-rules.upsert", "console"), (audited.Str("action"), audited.Str("door")));
    }

    [Fact]
    public async Task NonAdmin_ReadsSettingsWithoutASaveButton_AndASaveTheyAttemptIsRefusedAndAudited()
    {
        var (org, _) = await OrgWithAdmin();
        await using var browser = await ConsoleBrowser.Open(Api, output);
        var page = browser.Page;

        await browser.SignInAndOpen(org.Head, "/console/settings");
        await Assertions.Expect(page.Locator("[data-test=policy-row][data-policy=vip]")).ToBeVisibleAsync();
        await page.Locator("[data-test=policy-row][data-policy=vip] a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=read-only]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=version-row]").First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-test=save]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-test=version-restore]").CountAsync());
        await page.SetViewportSizeAsync(ConsoleBrowser.Phone.Width, ConsoleBrowser.Phone.Height);
        await browser.Screenshot("console-settings-read-only-phone");

        // The door behind the button refuses too, whoever calls it: 403, nothing stored, the attempt audited.
        var vipBefore = await (await Api.As("Manager").GetAsync("/api/sla-policies/vip")).Json(HttpStatusCode.OK);
        var actions = ActivatorUtilities.CreateInstance<SettingsActions>(Api.Services);
        var grains = Api.Services.GetRequiredService<IGrainFactory>();
        var head = new ClaimsPrincipal(await PersonIdentity.For(org.Head, ConsoleSignIn.Door, grains));
        var person = new ConsolePerson(org.Head, "行长", global::WealthActors.EmployeeRole.BranchHead, org.Branch, head, global::WealthActors.Permissions.AccessScope.Nothing);
        var body = global::WealthActors.Silo.Apis.SlaPolicyDto.From((await grains.GetGrain<global::WealthActors.Sla.ISlaPolicyCatalogGrain>(global::WealthActors.Sla.ISlaPolicyCatalogGrain.DefaultKey).Get("vip"))!) with { Name = "改名" };

        var outcome = await actions.SaveSlaPolicy(person, "vip", body);

        Assert.Equal(403, outcome.Status);
        Assert.Equal(vipBefore.ToJsonString(), (await (await Api.As("Manager").GetAsync("/api/sla-policies/vip")).Json(HttpStatusCode.OK)).ToJsonString());
        var refused = Assert.Single(await AuditReader.Of(Api, "sla-policy", "vip"), e => e.Str("employeeId") == org.Head);
        Assert.Equal(("sla-policy.upsert", "403", "console"), (refused.Str("action"), refused.Str("outcome"), refused.Str("door")));
    }

    private async Task<(PeopleOrg Org, string Admin)> OrgWithAdmin()
    {
        var org = await PeopleOrg.Create(Api);
        var admin = $"{org.Branch}-AD";
        await (await Api.As("Admin").PutJson($"/api/employees/{admin}", new { name = "管理员", role = "Admin", branchId = org.Branch })).Json(HttpStatusCode.OK);
        return (org, admin);
    }

    private static ILocator Field(IPage page, string name) => Field(page.Locator("body"), name);

    private static ILocator Field(ILocator scope, string name) =>
        scope.Locator($"input[data-test={name}], textarea[data-test={name}], [data-test={name}] input, [data-test={name}] textarea").First;

    /// <summary>The whole field as shown: its input and the error text beneath it.</summary>
    private static ILocator Control(IPage page, string name) => Control(page.Locator("body"), name);

    private static ILocator Control(ILocator scope, string name) =>
        scope.Locator($".mud-input-control:has([data-test={name}]), .mud-input-control[data-test={name}]").First;
}
