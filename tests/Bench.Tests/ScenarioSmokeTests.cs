using System.Diagnostics;
using WealthActors.Bench.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Bench.Tests;

/// <summary>
/// Each scenario, run by the built bench executable at a tiny size, ends with a summary line that parses; where the
/// scenario counts escalations, none is missed or duplicated. One class, so the scenarios (each starting a silo) run
/// one after another on a small machine.
/// </summary>
public sealed class ScenarioSmokeTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Everything the last scenario printed, for checking its detail lines.</summary>
    private string _lastOutput = "";

    /// <summary>Where the scenarios that draw charts put them (<c>--plot-dir</c>).</summary>
    private readonly TempDirectory _plots = new();

    [Fact]
    public async Task EscalationLateness_TinyRun_DeliversEveryEscalationOnce()
    {
        var line = await Run("escalation-lateness", "--n", "40", "--branches", "5", "--clients", "10", "--lead", "2", "--spread", "2", "--grace", "20",
            "--plot-dir", _plots.FullPath);
        Assert.Equal("sqlite", line.Values["storage"]);
        Assert.Equal(40, line.Number("n"));
        Assert.Equal(0, line.Number("missed"));
        Assert.Equal(0, line.Number("duplicated"));
        Assert.True(line.Number("p99_ms") >= 0);
        Assert.True(line.Number("open_per_s") > 0);
        Assert.Matches(@"database size at the end: [1-9]\d* MiB", _lastOutput);
        Assert.Matches(@"silo from the first deadline until all were seen: \d+ gen0, \d+ gen1 and \d+ gen2 collections in \d+s; paused \d+\.\ds.*; pauses: \d+ \(\d+ over 100 ms, \d+ over 250 ms\); reminder ticks: \d+ \(\d+ over 100 ms, \d+ over 250 ms\) late when the reminder service fired them; silo CPU", _lastOutput);
        // The p50, p99 and max of the escalations due in each second of the window, the summary line's figures in the
        // title and its p99 drawn across, in a file whose size does not grow with n.
        var chart = Chart("escalation-lateness-sqlite.svg");
        Assert.All(new[] { "p50", "p99", "max" }, title => Assert.NotEmpty(chart.Series(title)));
        Assert.Contains($"n=40, p50 {line.Values["p50_ms"]} ms, p99 {line.Values["p99_ms"]} ms, max {line.Values["max_ms"]} ms; 1-s bins", chart.Text,
            StringComparison.Ordinal);
        Assert.Contains($"p99 {line.Values["p99_ms"]} ms", chart.Text.Split('\n'));
        Assert.InRange(chart.Bytes, 1, 200_000);
    }

    [Fact]
    public async Task EscalationLateness_TinyRunOnPostgres_DeliversEveryEscalationOnce()
    {
        var line = await Run("escalation-lateness", "--storage", "postgres", "--n", "40", "--branches", "5", "--clients", "10", "--lead", "2", "--spread", "2", "--grace", "20");
        Assert.Equal("postgres", line.Values["storage"]);
        Assert.Equal(40, line.Number("n"));
        Assert.Equal(0, line.Number("missed"));
        Assert.Equal(0, line.Number("duplicated"));
        Assert.True(line.Number("open_per_s") > 0);
        // Forty escalations are durable writes: the server committed and flushed its log inside the window.
        Assert.Matches(@"database size at the end: [1-9]\d* MiB", _lastOutput);
        Assert.Matches(@"PostgreSQL from the first deadline until all were seen: [1-9]\d* commits \(\d+/s\); write-ahead log \d+ MB .* flushed [1-9]\d* times", _lastOutput);
    }

    [Fact]
    public async Task CommandThroughput_TinyRunOnPostgres_ReportsEveryRateTheSilosLimitAndTheGauge()
    {
        var line = await Run("command-throughput", "--storage", "postgres", "--callers", "8", "--duration", "1", "--warmup", "0.5");
        Assert.Equal("postgres", line.Values["storage"]);
        Assert.True(line.Number("grain_ops_s") > 0);
        Assert.True(line.Number("http_ops_s") > 0);
        Assert.True(line.Number("raw_upserts_s") > 0);
        Assert.True(line.Number("ratio") > 0);
        AssertLimitAndGauge(line);
    }

    [Fact]
    public async Task CommandThroughput_TinyRunInMemory_ReportsTheSilosOwnRates()
    {
        var line = await Run("command-throughput", "--storage", "memory", "--callers", "8", "--duration", "1", "--warmup", "0.5");
        Assert.Equal("memory", line.Values["storage"]);
        Assert.True(line.Number("grain_ops_s") > 0);
        Assert.True(line.Number("http_ops_s") > 0);
        Assert.True(line.Number("cpu_gauge_ns") > 0);
        Assert.False(line.Values.ContainsKey("raw_upserts_s"));
    }

    /// <summary>The memory silo ran the same mix in the same run, and its rate divides the storage's.</summary>
    private static void AssertLimitAndGauge(SummaryLine line)
    {
        Assert.True(line.Number("memory_ops_s") > 0);
        // The line prints whole ops per second and a ratio of two decimals.
        Assert.InRange(line.Number("of_limit") - line.Number("grain_ops_s") / line.Number("memory_ops_s"), -0.02, 0.02);
        Assert.True(line.Number("cpu_gauge_ns") > 0);
    }

    [Fact]
    public async Task AuditOverhead_TinyRunOnPostgres_ReportsBothRates()
    {
        var line = await Run("audit-overhead", "--storage", "postgres", "--callers", "8", "--duration", "1", "--warmup", "0.5", "--slice", "0.5");
        Assert.Equal("postgres", line.Values["storage"]);
        Assert.True(line.Number("with_ops_s") > 0);
        Assert.True(line.Number("without_ops_s") > 0);
        Assert.True(line.Number("ratio") > 0);
        Assert.Matches(@"audit on: [1-9]\d* ops .*database transactions", _lastOutput);
        Assert.Matches(@"audit entries written while the trail was on: [1-9]\d*", _lastOutput);
    }

    [Fact]
    public async Task BotRoundtrip_TinyRun_AnswersEveryMessage()
    {
        var line = await Run("bot-roundtrip", "--users", "4", "--messages", "3", "--think", "0");
        Assert.Equal(4, line.Number("users"));
        Assert.Equal(0, line.Number("failed"));
        Assert.True(line.Number("p99_ms") > 0);
    }

    [Fact]
    public async Task ChatWave_TinyRun_BringsEveryEscalationToChat()
    {
        var line = await Run("chat-wave", "--n", "40", "--recipients", "2", "--lead", "10", "--spread", "5", "--grace", "60");
        Assert.Equal(40, line.Number("escalations"));
        Assert.Equal(2, line.Number("recipients"));
        Assert.Equal(0, line.Number("dropped"));
        Assert.True(line.Number("p99_to_chat_ms") is >= 0 and <= 60_000);
    }

    [Fact]
    public async Task CommandThroughput_TinyRun_ReportsEveryRateTheSilosLimitAndTheGauge()
    {
        // Three seconds a path: a line over the seconds of each, drawn.
        var line = await Run("command-throughput", "--callers", "8", "--duration", "3", "--warmup", "0.5", "--plot-dir", _plots.FullPath);
        Assert.True(line.Number("grain_ops_s") > 0);
        Assert.True(line.Number("http_ops_s") > 0);
        Assert.True(line.Number("raw_upserts_s") > 0);
        Assert.True(line.Number("ratio") > 0);
        AssertLimitAndGauge(line);
        // Grains, HTTP, raw upserts, gated raw upserts, the memory silo: a point for each second of each (grid lines have two).
        var chart = Chart("command-throughput-sqlite.svg");
        Assert.Equal(5, chart.LineLengths.Count(points => points == 3));
        foreach (var path in new[] { "grains", "HTTP", "raw upserts", "raw upserts, one gated connection", "grains, silo storage in memory" })
        {
            Assert.Contains($"{path}: mean ", chart.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>The chart the last scenario drew, named on its <c>plot:</c> line.</summary>
    private SvgChart Chart(string fileName)
    {
        var path = Path.Combine(_plots.FullPath, fileName);
        Assert.Contains($"  plot: {SvgPlot.Shown(path)}\n", _lastOutput, StringComparison.Ordinal);
        return SvgChart.Load(path);
    }

    [Fact]
    public async Task GrainMemory_TinyRun_MeasuresBytesAndColdLatency()
    {
        var line = await Run("grain-memory", "--grains", "2000", "--cold", "50");
        Assert.Equal(2000, line.Number("grains"));
        Assert.True(line.Number("bytes_per_grain") > 0);
        Assert.True(line.Number("cold_p99_ms") > 0);
    }

    [Fact]
    public async Task Startup_TinyRun_MeasuresEmptyAndLoaded()
    {
        var line = await Run("startup", "--repeat", "1", "--clients", "1000");
        Assert.True(line.Number("empty_ms") > 0);
        Assert.True(line.Number("loaded_ms") > 0);
    }

    [Fact]
    public async Task CareScan_TinyRunOnBothStorages_FindsTheSameCareAndDeliversNothingTwice()
    {
        var sqlite = await Run("care-scan", "--clients", "2000");
        var postgres = await Run("care-scan", "--clients", "2000", "--storage", "postgres");
        Assert.Equal("postgres", postgres.Values["storage"]);
        foreach (var line in new[] { sqlite, postgres })
        {
            Assert.Equal(2000, line.Number("clients"));
            Assert.True(line.Number("seconds") > 0);
            Assert.True(line.Number("tasks") > 0);
            Assert.Equal(0, line.Number("rerun_tasks"));
        }

        // The same seeded book: both databases' queries find the same occurrences and make the same tasks.
        Assert.Equal(sqlite.Number("candidates"), postgres.Number("candidates"));
        Assert.Equal(sqlite.Number("tasks"), postgres.Number("tasks"));
    }

    [Fact]
    public async Task ConsoleBoard_TinyRun_CountsEveryOpenCaseTimesBothViewsAndSeesEscalationsLive()
    {
        var line = await Run("console-board", "--open", "2000", "--runs", "5", "--waves", "1");
        Assert.Equal(2000, line.Number("open"));
        Assert.True(line.Number("compliance_p95_ms") > 0);
        Assert.True(line.Number("branch_p95_ms") > 0);
        Assert.Contains("compliance (every case): 2000 open counted, 25 rows on the first page", _lastOutput);
        Assert.Contains("branch head of BB03: 200 open counted, 25 rows on the first page", _lastOutput);
        // Every escalation of the wave reached the open board in the browser.
        Assert.Contains("live: 1 waves of 20 escalations to the head of BB03", _lastOutput);
        Assert.Matches(@"showed it: n=20 ", _lastOutput);
        Assert.True(line.Number("live_p99_ms") > 0);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ListQuery_TinyRun_AnswersFullPagesOfTheAskedBranchAndState(string storage)
    {
        var line = await Run("list-query", "--storage", storage, "--rows", "4000", "--runs", "20");
        Assert.Equal(storage, line.Values["storage"]);
        Assert.Equal(4000, line.Number("rows"));
        Assert.True(line.Number("p95_ms") >= line.Number("p50_ms"));
        Assert.Contains("wrote 4000 open complaints", _lastOutput);
        // The client page's query ran once per run, each answer holding that client's complaints (the host checks).
        Assert.Matches(@"the console's client page .*: n=20 ", _lastOutput);
        Assert.True(line.Number("client_p95_ms") >= 0);
    }

    [Fact]
    public async Task CareScan_OnMemoryStorage_SaysThereIsNoDatabaseToScan()
    {
        var line = await Run("care-scan", "--storage", "memory");
        Assert.True(line.NotAvailable);
        Assert.Equal("a-database-scan", line.Values["reason"]);
    }

    [Fact]
    public async Task Micro_DryRun_PrintsTheMeans()
    {
        var line = await Run("sla-eval", "--tiny");
        Assert.True(line.Number("vip_calendar_ns") > 0);
    }

    [Fact]
    public async Task StateSealing_DryRun_PrintsMeansAndCpuTimes()
    {
        var line = await Run("state-sealing", "--tiny");
        Assert.True(line.Number("write_aes_ns") > 0);
        Assert.True(line.Number("seal_sm4_cpu_ns") > 0);
    }

    /// <summary>The bench executable in its own build output, next to its runtime configuration.</summary>
    private static string BenchAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Debug"
                : "Release";
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "WealthActors.sln")))
            {
                root = root.Parent;
            }

            Assert.NotNull(root);
            return Path.Combine(root.FullName, "bench", "bin", configuration, "net10.0", "WealthActors.Bench.dll");
        }
    }

    public void Dispose() => _plots.Dispose();

    private async Task<SummaryLine> Run(string scenario, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BenchAssembly);
        info.ArgumentList.Add(scenario);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await stdout;
        _lastOutput = text;
        output.WriteLine(text);
        output.WriteLine(await stderr);
        Assert.Equal(0, process.ExitCode);
        var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        var line = SummaryLine.Parse(last);
        Assert.True(line is not null, $"The last line is not a summary line: {last}");
        Assert.Equal(scenario, line.Scenario);
        return line;
    }
}
