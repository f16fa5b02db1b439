using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// The console's SLA board over 100,000 open complaints on the embedded default: the server time of one showing of
/// the board (its counts by SLA state and its first page, the two read-model queries the page runs) as compliance sees
/// it (every case) and as a branch head sees it (one branch of ten), timed inside the silo process; then the real
/// Silo on the same database, with the branch head watching the board in a browser while escalations fire
/// (<see cref="BoardLive"/>).
/// </summary>
public static class ConsoleBoard
{
    private const string Name = "console-board";
    private const int Branches = 10;

    public static async Task<int> Run(BenchArgs args)
    {
        var open = args.Int("open", 100_000, 100_000);
        var runs = args.Int("runs", 200, 50);
        var waves = args.Int("waves", 10, 5);
        const int PerWave = 20;
        using var temp = new TempDirectory();
        var database = temp.File("wealthactors.db");
        double compliance, branchHead;
        await using (var host = await ChildSilo.StartInside(database))
        {
            using var http = host.Http(TimeSpan.FromMinutes(30));
            var seconds = await SeedOpenComplaints(http, open, Branches);
            Out.Detail($"wrote {open} open complaints into the read model in {seconds:0.0}s ({Branches} branches)");

            compliance = await Time(http, null, runs, open);
            branchHead = await Time(http, "BB03", runs, open / Branches);
        }

        var live = await BoardLive.Measure(database, waves, PerWave);
        Out.Detail($"live: {waves} waves of {PerWave} escalations to the head of BB03, from each escalation's due time until the open " +
                   $"board in Chromium showed it: {Stats.Describe(live)}");
        Out.Summary(Name, ("open", open), ("p95_ms", Stats.F1(Math.Max(compliance, branchHead))), ("compliance_p95_ms", Stats.F1(compliance)),
            ("branch_p95_ms", Stats.F1(branchHead)), ("live_p99_ms", Stats.F0(Stats.Percentile(Stats.Sorted(live), 99))));
        return 0;
    }

    /// <summary>
    /// Has the bench host write <paramref name="count"/> open complaints straight into its read model, spread evenly
    /// over the branches and the SLA states; the seconds the host took.
    /// </summary>
    internal static Task<double> SeedOpenComplaints(HttpClient http, int count, int branches) =>
        HostSeeding.Seconds(http, $"/bench/seed-complaints?count={count}&branches={branches}");

    private static async Task<double> Time(HttpClient http, string? branch, int runs, int expected)
    {
        var result = await http.GetOk($"/bench/board?runs={runs}" + (branch is null ? "" : $"&branch={branch}"));
        var millis = result["millis"]!.AsArray().Select(m => m!.GetValue<double>()).ToArray();
        var counted = result["open"]!.GetValue<int>();
        var who = branch is null ? "compliance (every case)" : $"branch head of {branch}";
        Out.Detail($"{who}: {counted} open counted, {result["rows"]} rows on the first page; one showing {Stats.Describe(millis)}; " +
                   $"the last page ({result["lastPage"]}) in {result["lastPageMs"]!.GetValue<double>():0} ms");
        if (counted != expected)
        {
            throw new InvalidOperationException($"The board counted {counted} open complaints, not {expected}.");
        }

        return Stats.Percentile(Stats.Sorted(millis), 95);
    }
}
