using System.Collections.Concurrent;
using Microsoft.Playwright;
using WealthActors.Bench.Infrastructure;
using WealthActors.Testing.Browser;
using WealthActors.Testing.Identity;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// The board's live half: a branch head signed in through a real OpenID Connect provider watches the SLA board in
/// headless Chromium while waves of complaints reach their first escalation. The real Silo runs on the database the
/// board was timed on, so the head's branch still holds its share of the open complaints. Each wave gets a category of
/// its own, which the head types into the board's filter before the wave opens, so every case of the wave is on the
/// first page. The browser stamps, with its own clock, the moment each row's escalation level first shows above 0 (a
/// MutationObserver on the page); the lateness is that stamp minus the escalation's due time as the open call returned
/// it. Browser and silo run on one machine, so they read one wall clock.
/// </summary>
public static class BoardLive
{
    private const string Branch = "BB03";
    private const string Head = "LH03";
    private const string Advisor = "LA03";
    private const string Client = "LC0000003";
    private const string Policy = "bench-live";
    private static readonly TimeSpan FirstRung = TimeSpan.FromSeconds(3);

    // Stamps each row the first time its escalation level reads above 0; Blazor patches the DOM, the observer's
    // callback runs right after each patch.
    private const string StampEscalatedRows = """
        () => {
          window.escalatedAt = {};
          const stamp = () => {
            const now = Date.now();
            for (const row of document.querySelectorAll('[data-test=row]')) {
              const id = row.dataset.complaint;
              const level = row.querySelector('[data-test=level]');
              if (!(id in window.escalatedAt) && level && level.textContent.trim() !== '0') {
                window.escalatedAt[id] = now;
              }
            }
          };
          new MutationObserver(stamp).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        }
        """;

    /// <summary>Milliseconds from each escalation's due time until the branch head's open board showed it.</summary>
    public static async Task<double[]> Measure(string databaseFile, int waves, int perWave)
    {
        await using var provider = await TestIdentityProvider.Start();
        await using var silo = await ChildSilo.StartSilo(databaseFile, provider.SiloEnvironment());
        using var http = silo.Http(TimeSpan.FromMinutes(2));
        await Organise(http);

        await using var chromium = await HeadlessChromium.Start();
        var page = await chromium.Browser.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        provider.SignedInEmployee = Head;
        var board = new Uri(silo.BaseAddress, "/console").ToString();
        await page.GotoAsync(board);
        await page.WaitForURLAsync(board, new() { Timeout = 60_000 });
        await page.Locator("[data-test=person]").WaitForAsync(new() { Timeout = 60_000 });
        await page.EvaluateAsync(StampEscalatedRows);

        var lateness = new List<double>();
        for (var wave = 1; wave <= waves; wave++)
        {
            var category = $"Live{wave:000}";
            var filter = page.Locator("input[data-test=filter-category], [data-test=filter-category] input");
            await filter.FillAsync(category);
            await filter.PressAsync("Enter");
            await page.Locator("[data-test=empty]").WaitForAsync(new() { Timeout = 30_000 });

            var due = new ConcurrentDictionary<string, DateTimeOffset>();
            await Parallel.ForEachAsync(Enumerable.Range(0, perWave), async (_, _) =>
            {
                var opened = await http.PostExpect("/api/complaints", new
                {
                    clientId = Client, category, severity = "High", channel = "bench", description = "转账三天未到账 Transfer delayed three days",
                    openedBy = Advisor, policyId = Policy,
                }, 201);
                due[opened.Str("complaintId")] = opened["escalations"]![0]!["due"]!.GetValue<DateTimeOffset>();
            });

            var ids = due.Keys.ToArray();
            await page.WaitForFunctionAsync("ids => ids.every(id => id in window.escalatedAt)", ids, new() { Timeout = 60_000 });
            var shown = await page.EvaluateAsync<Dictionary<string, double>>("ids => Object.fromEntries(ids.map(id => [id, window.escalatedAt[id]]))", ids);
            lateness.AddRange(ids.Select(id => shown[id] - due[id].ToUnixTimeMilliseconds()));
        }

        return [.. lateness];
    }

    // The head of the timed branch, an advisor and a client there, and a policy whose only rung reaches the head soon
    // after opening (the calendar clock: no business hours in the way).
    private static async Task Organise(HttpClient http)
    {
        await http.PutOk($"/api/branches/{Branch}", new { name = "Branch 3", headEmployeeId = Head });
        await http.PutOk($"/api/employees/{Head}", new { name = "行长 Live head", role = "BranchHead", branchId = Branch });
        await http.PutOk($"/api/employees/{Advisor}", new { name = "顾问 Live advisor", role = "Advisor", branchId = Branch, managerId = Head });
        await http.PutOk($"/api/clients/{Client}", new
        {
            name = "客户 Live client", birthday = new DateOnly(1970, 3, 3), phone = "13900000003", branchId = Branch, advisorId = Advisor,
            vip = true, riskLevel = "C3", riskAssessedOn = "2026-01-10",
        });
        await http.PutOk($"/api/sla-policies/{Policy}", new
        {
            name = "Bench live board", match = new { categories = new[] { "bench-only" } }, priority = 0, clock = "Calendar",
            firstResponse = "PT2H", resolution = "P2D", warnAt = 0.9,
            escalations = new[] { new { after = $"PT{FirstRung.TotalSeconds}S", toRole = "BranchHead", action = "Notify" } },
        });
    }
}
