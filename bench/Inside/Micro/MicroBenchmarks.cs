using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Diagnosers;

namespace WealthActors.Bench.Inside.Micro;

/// <summary>
/// Runs one BenchmarkDotNet class in this process (the in-process toolchain: no generated project to build, which on a
/// two-core machine shared with other builds would dominate the run) and prints one summary line last.
/// </summary>
public static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        var name = args.FirstOrDefault() ?? "";
        var quick = args.Contains("--quick");
        var tiny = args.Contains("--tiny");
        var job = tiny
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)
            : quick
                ? Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)
                : Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOption(ConfigOptions.DisableLogFile, true)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "wealthactors-bench-artifacts"));
        switch (name)
        {
            case "sla-eval":
                Print(name, BenchmarkRunner.Run<SlaEvaluationBenchmarks>(config));
                return 0;
            case "wecom-crypto":
                Print(name, BenchmarkRunner.Run<WeComCryptoBenchmarks>(config));
                return 0;
            case "state-sealing":
                var summary = BenchmarkRunner.Run<StateSealingBenchmarks>(config);
                Print(name, summary, StateSealingBenchmarks.CpuTimes(tiny ? 200 : 20_000));
                return 0;
            default:
                Console.Error.WriteLine("micro: sla-eval | wecom-crypto | state-sealing");
                return 2;
        }
    }

    private static void Print(string name, Summary summary, IReadOnlyList<(string Method, double Nanoseconds)>? cpuTimes = null)
    {
        var pairs = new List<string>();
        foreach (var report in summary.Reports)
        {
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var key = Key(method);
            var mean = report.ResultStatistics?.Mean ?? double.NaN;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            Console.WriteLine($"  {method}: mean {mean.ToString("0.0", CultureInfo.InvariantCulture)} ns, allocated {allocated} B/op");
            pairs.Add($"{key}_ns={mean.ToString("0", CultureInfo.InvariantCulture)}");
            pairs.Add($"{key}_alloc_b={allocated}");
        }

        foreach (var (method, nanoseconds) in cpuTimes ?? [])
        {
            Console.WriteLine($"  {method}: {nanoseconds.ToString("0", CultureInfo.InvariantCulture)} ns of the thread's CPU time per operation (best of 5 runs)");
            pairs.Add($"{Key(method)}_cpu_ns={nanoseconds.ToString("0", CultureInfo.InvariantCulture)}");
        }

        Console.WriteLine($"{name}: {string.Join(' ', pairs)}");
    }

    private static string Key(string method) =>
        string.Concat(method.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
