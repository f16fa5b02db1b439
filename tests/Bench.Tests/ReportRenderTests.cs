using WealthActors.Bench.Infrastructure;
using WealthActors.Bench.Scenarios;
using static WealthActors.Bench.Scenarios.ReportCommand;

namespace WealthActors.Bench.Tests;

/// <summary>What the report makes of the runs' output: charts as images, repeated ratio scenarios as one row on their median run.</summary>
public sealed class ReportRenderTests
{
    private static readonly DateTimeOffset Started = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_PlotLine_BecomesAnImageAfterItsRunsDetails()
    {
        var run = new RunResult(["escalation-lateness", "--quick", "--plot-dir", "docs/benchmarks"],
            "escalation-lateness: storage=sqlite n=10000 p50_ms=5 p99_ms=80 max_ms=400 missed=0 duplicated=0",
            ["plan: n=10000", "plot: docs/benchmarks/escalation-lateness-sqlite.svg"], 0, TimeSpan.FromMinutes(3), null);

        var markdown = Render([run], 1, quick: true, large: false, huge: false, repeat: 3, Started, "0.1", "0.2");

        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var image = lines.IndexOf("![escalation-lateness --quick](benchmarks/escalation-lateness-sqlite.svg)");
        Assert.True(image > 0, markdown);
        Assert.Equal("plot: docs/benchmarks/escalation-lateness-sqlite.svg", lines[image - 3]);
        Assert.Equal("```", lines[image - 2]);
        Assert.Equal("### escalation-lateness --quick", lines[lines.LastIndexOf("```text") - 2]);
    }

    [Fact]
    public void Render_RunWithoutPlotLine_HasNoImage()
    {
        var run = new RunResult(["bot-roundtrip"], "bot-roundtrip: users=200 p99_ms=12 failed=0", ["users: 200"], 0, TimeSpan.FromSeconds(40), null);

        Assert.DoesNotContain("![", Render([run], 1, quick: false, large: false, huge: false, repeat: 3, Started, "0.1", "0.2"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RepeatedRatioScenario_OneRowOnTheMedianRunAndEveryRunsDetails()
    {
        var ratios = new[] { 0.93, 0.70, 0.88 };
        var runs = ratios.Select((ratio, i) => new RunResult(
            ["command-throughput", "--storage", "postgres"], ThroughputLine(ratio, ofLimit: 1 - ratio / 2), [$"grains: run {i + 1}"], 0, TimeSpan.FromSeconds(100), null)
        {
            Entry = 0, Run = i + 1, Runs = ratios.Length,
        }).ToList();

        var markdown = Render(runs, ratios.Length, quick: false, large: false, huge: false, repeat: 3, Started, "0.1", "0.2");

        var rows = markdown.Split('\n').Where(l => l.StartsWith("| `dotnet run", StringComparison.Ordinal)).ToList();
        var row = Assert.Single(rows);
        var median = runs[2];
        Assert.Contains($"`{median.Summary}`<br>{RepeatedRuns.Of(runs.Select(r => r.Summary).ToList()).Spread}", row, StringComparison.Ordinal);
        Assert.Contains($"| {Targets.Judge(SummaryLine.Parse(median.Summary)).Verdict} |", row, StringComparison.Ordinal);
        Assert.Contains("| 300 s |", row, StringComparison.Ordinal);
        for (var i = 1; i <= ratios.Length; i++)
        {
            Assert.Contains($"### command-throughput --storage postgres (run {i} of 3)", markdown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0.76, true)]
    [InlineData(0.95, false)]
    public void Missed_JudgesTheRunThatStandsForTheEntry(double medianRatio, bool missed)
    {
        // The median of three decides, not the best or the worst run.
        var ratios = new[] { 0.70, medianRatio, 0.99 };
        var runs = ratios.Select((ratio, i) => new RunResult(["audit-overhead", "--storage", "postgres"], AuditLine(ratio), [], 0, TimeSpan.FromSeconds(100), null)
        {
            Entry = 0, Run = i + 1, Runs = ratios.Length,
        }).ToList();

        Assert.Equal(missed, Missed(runs));
    }

    [Fact]
    public void Render_ProfileOfAMissedTarget_OnlyInTheDetails_NeverCounted()
    {
        var measured = new RunResult(["audit-overhead", "--storage", "postgres"], AuditLine(0.76), ["audit on: …"], 0, TimeSpan.FromSeconds(100), null);
        var profile = new RunResult(["audit-overhead", "--storage", "postgres", "--profile"], AuditLine(0.99), ["profile (perf record -a …)", "  40.0%  silo, trail on"],
            0, TimeSpan.FromSeconds(110), null)
        { IsProfile = true };

        var markdown = Render([measured, profile], 1, quick: false, large: false, huge: false, repeat: 1, Started, "0.1", "0.2");

        var row = Assert.Single(markdown.Split('\n'), l => l.StartsWith("| `dotnet run", StringComparison.Ordinal));
        Assert.Contains(measured.Summary!, row, StringComparison.Ordinal);
        Assert.Contains("| 100 s |", row, StringComparison.Ordinal);
        Assert.DoesNotContain("ratio=0.99", row, StringComparison.Ordinal);
        Assert.Contains("### audit-overhead --storage postgres --profile (profile of the missed target; not counted)", markdown, StringComparison.Ordinal);
        Assert.Contains("  40.0%  silo, trail on", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("command-throughput", "", true)]
    [InlineData("command-throughput", "--storage postgres", true)]
    [InlineData("command-throughput", "--storage memory", false)]
    [InlineData("audit-overhead", "--storage postgres", true)]
    [InlineData("escalation-lateness", "--storage postgres", false)]
    public void CarriesRatio_OnlyScenariosWhoseSummaryHasOne(string scenario, string extra, bool expected)
    {
        Assert.Equal(expected, CarriesRatio(scenario, extra.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    private static string AuditLine(double ratio) =>
        FormattableString.Invariant($"audit-overhead: storage=postgres with_ops_s=2000 without_ops_s=2500 ratio={ratio:0.00}");

    internal static string ThroughputLine(double ratio, double ofLimit) =>
        FormattableString.Invariant($"command-throughput: storage=postgres grain_ops_s=800 http_ops_s=500 raw_upserts_s=1000 ratio={ratio:0.00} memory_ops_s=1200 of_limit={ofLimit:0.00} cpu_gauge_ns=9000");
}
