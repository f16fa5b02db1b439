using System.Diagnostics;
using System.Text;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// <c>report [--quick] [--large] [--huge] [--only a,b] [--repeat 3]</c>: runs the scenarios one after another, each in its own process
/// exactly as a person would run it, and rewrites <c>docs/BENCHMARKS.md</c> from what they printed and what the machine is,
/// with the charts the scenarios drew into <c>docs/benchmarks/</c>. A scenario whose summary carries a ratio runs
/// <c>--repeat</c> times and is judged on its median run.
/// </summary>
public static class ReportCommand
{
    private static readonly (string Scenario, string[] Extra)[] Runs =
    [
        ("escalation-lateness", []),
        ("escalation-lateness", ["--storage", "postgres"]),
        ("command-throughput", []),
        ("command-throughput", ["--storage", "postgres"]),
        ("command-throughput", ["--storage", "memory"]),
        ("audit-overhead", ["--storage", "postgres"]),
        ("bot-roundtrip", []),
        ("chat-wave", []),
        ("grain-memory", []),
        ("startup", []),
        ("care-scan", []),
        ("excel-import", []),
        ("console-board", []),
        ("list-query", ["--storage", "postgres"]),
        ("sla-eval", []),
        ("wecom-crypto", []),
        ("state-sealing", []),
    ];

    /// <summary>Runs of each ratio scenario: three at least, so that one stray run can be neither the median nor alone.</summary>
    private const int DefaultRepeat = 3;

    /// <summary>The scenarios that draw charts when given a folder (<c>--plot-dir</c>).</summary>
    private static readonly string[] Plotted = ["escalation-lateness", "command-throughput"];

    /// <summary>The charts' folder, relative to the repository root (the scenarios run there), beside the report that links them.</summary>
    private const string PlotFolder = "docs/benchmarks";

    public static async Task<int> Run(BenchArgs args)
    {
        var only = args.Get("only", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var repeat = args.Int("repeat", DefaultRepeat, DefaultRepeat);
        if (repeat < 1)
        {
            Console.Error.WriteLine("--repeat must be at least 1.");
            return 2;
        }

        // --large adds the care scan at its full million clients (a few minutes, most of it seeding), the 100,000-complaint
        // lateness run on PostgreSQL (opened by 64 callers before the first deadline, then deadlines spread over ten
        // minutes; about 20 minutes), the 50,000-complaint run on SQLite (about a quarter of an hour), grain-memory at
        // its full million grains (about 6 minutes) and command-throughput on PostgreSQL for its full minute per path
        // (--repeat times, as every ratio scenario).
        (string Scenario, string[] Extra)[] large = args.Has("large")
            ? [("care-scan", ["--full"]), ("grain-memory", ["--full"]), ("command-throughput", ["--storage", "postgres", "--full"]),
                ("escalation-lateness", ["--storage", "postgres", "--n", "100000", "--concurrency", "64", "--grace", "120", "--full"]),
                ("escalation-lateness", ["--n", "50000", "--full"])]
            : [];
        // --huge adds the million open cases on PostgreSQL, about 70 minutes in all: 100,000 VIP clients with ten cases each
        // (a client's open cases are part of its state, so 5,000 clients with 200 each would measure oversized clients),
        // opened by 64 callers before the first deadline (it took 21 minutes); the deadlines spread over forty minutes,
        // about 420 a second, where the default ten minutes would ask 1,700 a second of two cores. The server's buffer
        // cache is sized for a million cases (4 GB of this machine's 24), as a production server's would be.
        (string Scenario, string[] Extra)[] huge = args.Has("huge")
            ? [("escalation-lateness", ["--storage", "postgres", "--shared-buffers", "4GB", "--n", "1000000", "--clients", "100000", "--concurrency", "64", "--lead", "1400", "--spread", "2400", "--grace", "300", "--full"])]
            : [];
        var quick = args.Quick ? new[] { "--quick" } : [];
        // Profiles need Linux perf; --no-profile leaves them out.
        var profile = !args.Has("no-profile") && PerfProfile.Available();
        var loadBefore = MachineInfo.LoadAverage();
        var started = DateTimeOffset.UtcNow;
        var results = new List<RunResult>();
        // Each set draws its charts into a folder of its own (PlotDirectory), as a chart's name repeats from set to set.
        var selected = Runs.Select(r => (r.Scenario, r.Extra, Set: ""))
            .Concat(large.Select(r => (r.Scenario, r.Extra, Set: "large")))
            .Concat(huge.Select(r => (r.Scenario, r.Extra, Set: "huge")))
            .Where(r => only.Length == 0 || only.Contains(r.Scenario))
            .Select(r => (r.Scenario, r.Extra, r.Set, Repeats: CarriesRatio(r.Scenario, r.Extra) ? repeat : 1))
            .ToList();
        var planned = selected.Sum(r => r.Repeats);
        // Written after every run, so a long report that is stopped part-way keeps what it measured.
        Task Save() => Write(Render(results, planned, args.Quick, args.Has("large"), args.Has("huge"), repeat, started, loadBefore, MachineInfo.LoadAverage()));
        for (var entry = 0; entry < selected.Count; entry++)
        {
            var (scenario, extra, set, repeats) = selected[entry];
            for (var run = 1; run <= repeats; run++)
            {
                // "--full" marks a run that ignores --quick (it is only a marker for the scenario, which ignores it).
                string[] arguments = extra.Contains("--full") ? [scenario, .. extra.Where(e => e != "--full")] : [scenario, .. quick, .. extra];
                if (Plotted.Contains(scenario))
                {
                    arguments = [.. arguments, "--plot-dir", PlotDirectory(set, run, repeats)];
                }

                Console.WriteLine($"== {string.Join(' ', arguments)}{(repeats > 1 ? $" (run {run} of {repeats})" : "")}");
                var result = await RunScenario(arguments) with { Entry = entry, Run = run, Runs = repeats };
                Console.WriteLine(result.Summary ?? $"(no summary line; exit code {result.ExitCode})");
                results.Add(result);
                await Save();
            }

            if (profile && Profiled.Contains(scenario) && Missed(results.Where(r => r.Entry == entry).ToList()))
            {
                // A missed target gets the profile that explains it: one more run under perf, after the measured ones,
                // so the sampling weighs on none of them.
                // Without --plot-dir: its charts would replace those of the measured run before it.
                string[] arguments = [.. WithoutPlotDir(results.Last(r => r.Entry == entry).Arguments), "--profile"];
                Console.WriteLine($"== {string.Join(' ', arguments)} (profile of a missed target)");
                results.Add(await RunScenario(arguments) with { Entry = entry, IsProfile = true });
                await Save();
            }
        }

        Console.WriteLine($"report: runs={results.Count} failed={results.Count(r => r.Summary is null)} file=docs/BENCHMARKS.md");
        return results.Any(r => r.Summary is null) ? 1 : 0;
    }

    /// <summary>The scenarios that can profile their measured window (<c>--profile</c>).</summary>
    private static readonly string[] Profiled = ["audit-overhead", "command-throughput"];

    /// <summary>Whether the run that stands for an entry (the median one of repeated runs) missed its target.</summary>
    internal static bool Missed(IReadOnlyList<RunResult> runs)
    {
        var measured = runs.Where(r => !r.IsProfile).ToList();
        return measured.Count > 0
               && Targets.Judge(SummaryLine.Parse(StandingRun(measured).Run.Summary)).Verdict.StartsWith("MISSED", StringComparison.Ordinal);
    }

    /// <summary>
    /// The run an entry's row gives and judges: its only run, or of repeated runs the one whose ratio is the median, with
    /// the spread of the runs.
    /// </summary>
    private static (RunResult Run, RepeatedRuns.Result? Repeated) StandingRun(IReadOnlyList<RunResult> measured)
    {
        var repeated = measured[0].Runs > 1 ? RepeatedRuns.Of(measured.Select(r => r.Summary).ToList()) : null;
        return (measured[repeated?.Median ?? 0], repeated);
    }

    /// <summary>
    /// Whether the summary carries a ratio of two rates (<c>ratio</c>, <c>of_limit</c>): those move from run to run on a
    /// shared machine, so they run several times. command-throughput on memory storage measures the silo alone, no ratio.
    /// </summary>
    internal static bool CarriesRatio(string scenario, IReadOnlyList<string> extra) => scenario switch
    {
        "audit-overhead" => true,
        "command-throughput" => ValueOf(extra, "--storage") != "memory",
        _ => false,
    };

    private static string? ValueOf(IReadOnlyList<string> arguments, string name)
    {
        var at = arguments.ToList().IndexOf(name);
        return at >= 0 && at + 1 < arguments.Count ? arguments[at + 1] : null;
    }

    private static string[] WithoutPlotDir(string[] arguments)
    {
        var plotDir = Array.IndexOf(arguments, "--plot-dir");
        return plotDir < 0 ? arguments : [.. arguments[..plotDir], .. arguments[Math.Min(arguments.Length, plotDir + 2)..]];
    }

    /// <summary>Each run its own folder where another run of the report draws a chart of the same name.</summary>
    private static string PlotDirectory(string set, int run, int repeats) =>
        PlotFolder + (set.Length > 0 ? $"/{set}" : "") + (repeats > 1 ? $"/run-{run}" : "");

    private static async Task Write(string markdown)
    {
        var file = Path.Combine(RepoPaths.Root, "docs", "BENCHMARKS.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, markdown);
    }

    private static async Task<RunResult> RunScenario(string[] arguments)
    {
        // From the repository root, as the command the report shows runs, so that a relative --plot-dir lands under it.
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(RepoPaths.BenchAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The scenario process did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        await process.WaitForExitAsync();
        var last = lines.LastOrDefault(l => l.Length > 0);
        var summary = SummaryLine.Parse(last) is not null ? last : null;
        var error = (await errors).Split('\n').FirstOrDefault(l => l.Length > 0);
        return new RunResult(arguments, summary, lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l[2..]).ToArray(),
            process.ExitCode, clock.Elapsed, summary is null ? error : null);
    }

    internal static string Render(
        IReadOnlyList<RunResult> results, int planned, bool quick, bool large, bool huge, int repeat, DateTimeOffset started, string loadBefore, string loadAfter)
    {
        var command = $"dotnet run -c Release --project bench -- report{(quick ? " --quick" : "")}{(large ? " --large" : "")}{(huge ? " --huge" : "")}" +
                      (repeat == DefaultRepeat ? "" : $" --repeat {repeat}");
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine($"Generated by `{command}`, started {started:yyyy-MM-dd HH:mm} UTC. This file is written by that command; " +
                      "run it again rather than editing here. Each scenario ran in its own process, one after another, as the command column shows.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        foreach (var (name, value) in MachineInfo.Describe())
        {
            md.AppendLine($"| {name} | {value} |");
        }

        md.AppendLine($"| load average (1, 5, 15 min) | before: {loadBefore}; after: {loadAfter} |");
        md.AppendLine();
        md.AppendLine("A load average above the core count means other work shared the CPU during the run: treat the figures as noisy.");
        md.AppendLine();
        md.AppendLine("## Results");
        md.AppendLine();
        if (results.Count < planned)
        {
            md.AppendLine($"Runs finished so far: {results.Count} of {planned} (the file is rewritten after each run).");
            md.AppendLine();
        }

        // A profile run is the explanation of a missed target, not a measurement of it: it shows only in the details.
        var entries = results.Where(r => !r.IsProfile).GroupBy(r => r.Entry).Select(g => g.ToList()).ToList();
        if (entries.Any(e => e[0].Runs > 1))
        {
            md.AppendLine("A scenario whose summary carries a ratio ran several times: its row gives the run whose `ratio` is the median " +
                          "and the verdict on that run's figures, with each ratio's min, median and max over the runs; the details give every run.");
            md.AppendLine();
        }

        md.AppendLine("| command | summary line | target (2-core machine) | verdict | ran for |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var runs in entries)
        {
            var (r, repeated) = StandingRun(runs);
            var (target, verdict) = Targets.Judge(SummaryLine.Parse(r.Summary));
            var summary = r.Summary is null ? $"(none; exit code {r.ExitCode}{(r.Error is null ? "" : ": " + r.Error)})" : $"`{r.Summary}`";
            var spread = repeated is null ? "" : $"<br>{repeated.Spread}";
            var elapsed = TimeSpan.FromTicks(runs.Sum(run => run.Elapsed.Ticks));
            md.AppendLine($"| `{r.Command}` | {summary}{spread} | {target} | {verdict} | {elapsed.TotalSeconds:0} s |");
        }

        md.AppendLine();
        md.AppendLine("## Details");
        foreach (var r in results.Where(r => r.Details.Count > 0))
        {
            md.AppendLine();
            md.AppendLine($"### {r.Title}");
            md.AppendLine();
            md.AppendLine("```text");
            foreach (var line in r.Details)
            {
                md.AppendLine(line);
            }

            md.AppendLine("```");
            foreach (var plot in r.Details.Where(l => l.StartsWith(PlotLine, StringComparison.Ordinal)))
            {
                md.AppendLine();
                md.AppendLine($"![{r.Title}]({DocsLink(plot[PlotLine.Length..])})");
            }
        }

        return md.ToString();
    }

    /// <summary>The detail line a scenario prints for each chart it wrote (see <see cref="SvgPlot.Write"/>).</summary>
    private const string PlotLine = "plot: ";

    /// <summary>A chart's path as the report in <c>docs/</c> links it; the scenario printed it relative to the repository root.</summary>
    private static string DocsLink(string path) =>
        Path.GetRelativePath(Path.Combine(RepoPaths.Root, "docs"), Path.Combine(RepoPaths.Root, path)).Replace('\\', '/');

    internal sealed record RunResult(string[] Arguments, string? Summary, IReadOnlyList<string> Details, int ExitCode, TimeSpan Elapsed, string? Error)
    {
        /// <summary>The place in the report's plan of the scenario this run is one run of.</summary>
        public int Entry { get; init; }

        public int Run { get; init; } = 1;

        public int Runs { get; init; } = 1;

        /// <summary>The extra run under <c>--profile</c> that follows an entry whose target was missed.</summary>
        public bool IsProfile { get; init; }

        public string Command => $"dotnet run -c Release --project bench -- {string.Join(' ', Arguments)}";

        /// <summary>The scenario and what it was given, without where its charts went (the image links say that).</summary>
        public string Title
        {
            get => string.Join(' ', WithoutPlotDir(Arguments)) + (IsProfile ? " (profile of the missed target; not counted)" : Runs > 1 ? $" (run {Run} of {Runs})" : "");
        }
    }
}
