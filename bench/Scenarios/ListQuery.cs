using System.Diagnostics;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// The complaint list an integrator or a branch's screen asks for, over a large book: <c>GET /api/complaints</c>
/// filtered by branch and SLA state, timed end to end over HTTP one request at a time, with the read model holding
/// <c>--rows</c> open complaints (a million; 100,000 with --quick) written straight into it by the bench host. Each
/// request asks for another branch and state, so no one answer is served from a warm page alone. Then the console's
/// client page's query (a client's complaints, newest first) over the same book, timed inside the host.
/// </summary>
public static class ListQuery
{
    private const string Name = "list-query";
    private const int Branches = 10;
    private const int PageSize = 50;
    private static readonly string[] States = ["OnTrack", "AtRisk", "Breached", "Paused"];

    public static async Task<int> Run(BenchArgs args)
    {
        var rows = args.Int("rows", 1_000_000, 100_000);
        var runs = args.Int("runs", 400, 100);
        using var temp = new TempDirectory();
        await using var storage = await BenchStorage.Start(args, temp);
        await using var host = await storage.StartInside();
        using var http = host.Http(TimeSpan.FromMinutes(60));

        var seconds = await ConsoleBoard.SeedOpenComplaints(http, rows, Branches);
        Out.Detail($"wrote {rows} open complaints into the {storage.Kind} read model in {seconds:0.0}s ({Branches} branches, 4 SLA states)");

        // One warm-up pass over every branch and state: the first reads of a fresh table pay for its pages coming in.
        for (var i = 0; i < Branches * States.Length; i++)
        {
            await Ask(http, i);
        }

        var millis = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Ask(http, i);
            millis[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Out.Detail($"GET /api/complaints?branchId=…&slaState=…&limit={PageSize}, one at a time over HTTP: {Stats.Describe(millis)}");
        var clientPages = await ClientPages(http, rows, runs);
        Out.Detail($"the console's client page (one client's complaints, newest first, as its branch head), server time, a different client each time: {Stats.Describe(clientPages)}");
        var sorted = Stats.Sorted(millis);
        Out.Summary(Name, ("storage", storage.Kind), ("rows", rows), ("p50_ms", Stats.F1(Stats.Percentile(sorted, 50))),
            ("p95_ms", Stats.F1(Stats.Percentile(sorted, 95))), ("client_p95_ms", Stats.F1(Stats.Percentile(Stats.Sorted(clientPages), 95))));
        return 0;
    }

    private static async Task<double[]> ClientPages(HttpClient http, int rows, int runs)
    {
        var result = await http.GetOk($"/bench/client-pages?count={rows}&branches={Branches}&runs={runs}");
        return result["millis"]!.AsArray().Select(m => m!.GetValue<double>()).ToArray();
    }

    /// <summary>The i-th request: branches and states in turn; a full page is expected, every row of the asked branch and state.</summary>
    private static async Task Ask(HttpClient http, int i)
    {
        var (branch, state) = ($"BB{i % Branches:00}", States[i / Branches % States.Length]);
        var page = (await http.GetOk($"/api/complaints?branchId={branch}&slaState={state}&limit={PageSize}")).AsArray();
        if (page.Count != PageSize || page.Any(row => row!.Str("branchId") != branch || row!.Str("slaState") != state))
        {
            throw new InvalidOperationException($"The list for {branch}/{state} answered {page.Count} rows, not {PageSize} of that branch and state.");
        }
    }
}
