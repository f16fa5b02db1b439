using System.Diagnostics;
using System.Text;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// <c>report [--quick] [--large] [--only a,b]</c>: runs the scenarios one after another, each in its own process exactly as a
/// person would run it, and rewrites <c>docs/BENCHMARKS.md</c> from what they printed and what the machine is.
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

    public static async Task<int> Run(BenchArgs args)
    {
        var only = args.Get("only", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // --large adds the care scan at its full million clients (a few minutes, most of it seeding), the 100,000-complaint
        // lateness run on PostgreSQL (opened by 64 callers before the first deadline, then deadlines spread over ten
        // minutes; about 20 minutes), the 50,000-complaint run on SQLite (about a quarter of an hour), grain-memory at
        // its full million grains (about 6 minutes) and command-throughput on PostgreSQL for its full minute per path.
        var runs = args.Has("large")
            ? [.. Runs, ("care-scan", ["--full"]), ("grain-memory", ["--full"]), ("command-throughput", ["--storage", "postgres", "--full"]),
                ("escalation-lateness", ["--storage", "postgres", "--n", "100000", "--concurrency", "64", "--grace", "120", "--full"]),
                ("escalation-lateness", ["--n", "50000", "--full"])]
            : Runs;
        var quick = args.Quick ? new[] { "--quick" } : [];
        var loadBefore = MachineInfo.LoadAverage();
        var started = DateTimeOffset.UtcNow;
        var results = new List<RunResult>();
        var selected = runs.Where(r => only.Length == 0 || only.Contains(r.Scenario)).ToList();
        foreach (var (scenario, extra) in selected)
        {
            // "--full" marks a run that ignores --quick (it is only a marker for the scenario, which ignores it).
            string[] arguments = extra.Contains("--full") ? [scenario, .. extra.Where(e => e != "--full")] : [scenario, .. quick, .. extra];
            Console.WriteLine($"== {string.Join(' ', arguments)}");
            var result = await RunScenario(arguments);
            Console.WriteLine(result.Summary ?? $"(no summary line; exit code {result.ExitCode})");
            results.Add(result);

            // Written after every scenario, so a long report that is stopped part-way keeps what it measured.
            await Write(Render(results, selected.Count, args.Quick, args.Has("large"), started, loadBefore, MachineInfo.LoadAverage()));
        }

        Console.WriteLine($"report: scenarios={results.Count} failed={results.Count(r => r.Summary is null)} file=docs/BENCHMARKS.md");
        return results.Any(r => r.Summary is null) ? 1 : 0;
    }

    private static async Task Write(string markdown)
    {
        var file = Path.Combine(RepoPaths.Root, "docs", "BENCHMARKS.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, markdown);
    }

    private static async Task<RunResult> RunScenario(string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

    private static string Render(IReadOnlyList<RunResult> results, int planned, bool quick, bool large, DateTimeOffset started, string loadBefore, string loadAfter)
    {
        var command = $"dotnet run -c Release --project bench -- report{(quick ? " --quick" : "")}{(large ? " --large" : "")}";
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

        md.AppendLine("| command | summary line | target (2-core machine) | verdict | ran for |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var r in results)
        {
            var (target, verdict) = Targets.Judge(SummaryLine.Parse(r.Summary));
            var summary = r.Summary ?? $"(none; exit code {r.ExitCode}{(r.Error is null ? "" : ": " + r.Error)})";
            md.AppendLine($"| `{r.Command}` | `{summary}` | {target} | {verdict} | {r.Elapsed.TotalSeconds:0} s |");
        }

        md.AppendLine();
        md.AppendLine("## Details");
        foreach (var r in results.Where(r => r.Details.Count > 0))
        {
            md.AppendLine();
            md.AppendLine($"### {string.Join(' ', r.Arguments)}");
            md.AppendLine();
            md.AppendLine("```text");
            foreach (var line in r.Details)
            {
                md.AppendLine(line);
            }

            md.AppendLine("```");
        }

        return md.ToString();
    }

    private sealed record RunResult(string[] Arguments, string? Summary, IReadOnlyList<string> Details, int ExitCode, TimeSpan Elapsed, string? Error)
    {
        public string Command => $"dotnet run -c Release --project bench -- {string.Join(' ', Arguments)}";
    }
}
