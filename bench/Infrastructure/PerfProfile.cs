using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// <c>--profile</c>: where the CPU went during a scenario's measured window, for the report to show beside a missed target.
/// Linux <c>perf</c> samples every process on the machine (the silo, the database's backends, the load driver) on the
/// kernel's cpu-clock, so the profile adds up to the whole machine rather than one runtime's view of itself; the .NET
/// runtime names its JIT-compiled methods for perf in a map file when <c>DOTNET_PerfMapEnabled=1</c>, which
/// <see cref="ChildSilo"/> sets for its silos while profiling is on. Printed as detail lines: each process's share of the
/// samples, then per silo its hottest functions by own time (the kernel's and native libraries' included) and the
/// product's and its libraries' methods by time including what they call.
/// </summary>
public sealed partial class PerfProfile
{
    private const int SamplesPerSecond = 499;

    private readonly Process _perf;
    private readonly string _file;

    private PerfProfile(Process perf, string file)
    {
        _perf = perf;
        _file = file;
    }

    /// <summary>Set from <c>--profile</c> before any silo starts.</summary>
    public static bool Enabled { get; set; }

    /// <summary>Whether Linux perf is on the PATH (the report profiles missed targets only then).</summary>
    public static bool Available() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, "perf")));

    /// <summary>Starts sampling the whole machine, or returns null when profiling is off.</summary>
    public static async Task<PerfProfile?> Start()
    {
        if (!Enabled)
        {
            return null;
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory("wealthactors-profile-").FullName, "perf.data");
        var perf = Perf("record", "-a", "-g", "-F", SamplesPerSecond.ToString(CultureInfo.InvariantCulture), "-o", file);
        // perf reports on stderr once it has opened its buffers; until then nothing is being sampled.
        await Task.Delay(TimeSpan.FromSeconds(1));
        if (perf.HasExited)
        {
            throw new InvalidOperationException($"perf record exited with {perf.ExitCode}: {await perf.StandardError.ReadToEndAsync()}");
        }

        return new PerfProfile(perf, file);
    }

    /// <summary>
    /// Stops sampling (SIGINT, as perf expects, so it writes its file) and prints the profile: every process's share,
    /// named where <paramref name="processNames"/> knows it, and the hottest methods of the <paramref name="detailed"/> ones.
    /// </summary>
    public async Task StopAndReport(IReadOnlyDictionary<int, string> processNames, IEnumerable<int> detailed, int top = 20)
    {
        using (var signal = Process.Start("kill", ["-INT", _perf.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal!.WaitForExitAsync();
        }

        await _perf.WaitForExitAsync();
        _perf.Dispose();

        Out.Detail($"profile (perf record -a at {SamplesPerSecond} Hz over the measured window): share of samples by process");
        // perf keys samples by thread; the threads of a process still running are grouped under it, those of one that has
        // ended (a database backend that closed) under their name.
        var shares = (await Report("--no-children", "--sort", "pid"))
            .Select(row => (row.Percent, Process: ProcessOf(row.Name, processNames)))
            .GroupBy(row => row.Process, row => row.Percent)
            .Select(g => (Percent: g.Sum(), Process: g.Key))
            .Where(row => row.Percent >= 0.5)
            .OrderByDescending(row => row.Percent);
        Print(shares);

        foreach (var pid in detailed)
        {
            var role = processNames.GetValueOrDefault(pid, pid.ToString(CultureInfo.InvariantCulture));
            var pidFilter = pid.ToString(CultureInfo.InvariantCulture);
            Out.Detail($"profile of {role}: hottest functions by own samples");
            Print(ByMethod(await Report("--no-children", "--pid", pidFilter, "--sort", "sym")).Take(top));

            // Inclusive time of the product's and its libraries' own methods: where a request's time goes, below the
            // thread pool's and the async machinery's frames that every path shares.
            Out.Detail($"profile of {role}: product and library methods including what they call");
            Print(ByMethod(await Report("--children", "--pid", pidFilter, "--sort", "sym"))
                .Where(row => Interesting.Any(prefix => row.Name.StartsWith(prefix, StringComparison.Ordinal)))
                .Take(top));
        }

        if (KeepAs is { } keep)
        {
            File.Copy(_file, keep, overwrite: true);
            Out.Detail($"profile: samples kept in {keep} (perf report -i {Path.GetFileName(keep)})");
        }

        Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
    }

    /// <summary><c>--profile-keep FILE</c>: where to keep the samples for a closer look (call graphs) after the run.</summary>
    public static string? KeepAs { get; set; }

    private static readonly string[] Interesting =
        ["WealthActors.", "Npgsql.", "Microsoft.Data.Sqlite.", "Orleans.", "Microsoft.AspNetCore.", "System.Text.Json.", "System.Security.Cryptography.", "System.Net.Http."];

    /// <summary>Rows by method, summed: a method's tiers and generic instances become one row.</summary>
    private static IEnumerable<(double Percent, string Name)> ByMethod(IEnumerable<(double Percent, string Name)> rows) =>
        rows.GroupBy(row => Method(row.Name), row => row.Percent).Select(g => (Percent: g.Sum(), Name: g.Key)).OrderByDescending(row => row.Percent);

    private static void Print(IEnumerable<(double Percent, string Name)> rows)
    {
        foreach (var (percent, name) in rows)
        {
            Out.Detail($"  {percent,6:0.0}%  {name}");
        }
    }

    private static Process Perf(params string[] arguments)
    {
        var info = new ProcessStartInfo("perf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("perf did not start; --profile needs Linux perf.");
    }

    /// <summary>"[.] instance void [Lib] Ns.Type::Method(args)[OptimizedTier1]" → "Ns.Type::Method".</summary>
    private static string Method(string symbol)
    {
        var text = symbol.StartsWith("[", StringComparison.Ordinal) && symbol.Length > 4 ? symbol[4..] : symbol;
        var match = ManagedName().Match(text);
        return match.Success ? match.Groups["name"].Value : text;
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][\w.`+<>\[\],]*::[^(\s]+)\(")]
    private static partial Regex ManagedName();

    private async Task<List<(double Percent, string Name)>> Report(params string[] arguments)
    {
        using var process = Perf(["report", "-i", _file, "--stdio", "-g", "none", .. arguments]);
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await errors;
        var rows = new List<(double, string)>();
        foreach (var line in output.Split('\n'))
        {
            // "    12.34%     3.21%  dotnet  [.] Symbol" (children) or "    12.34%  [.] Symbol": the first percentage is the one asked for.
            var match = Row().Match(line);
            if (match.Success)
            {
                rows.Add((double.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture), match.Groups["rest"].Value.Trim()));
            }
        }

        return rows;
    }

    /// <summary>"1234:.NET TP Worker" → the role of process 1234's owner, or the process's command, or the thread's name.</summary>
    private static string ProcessOf(string thread, IReadOnlyDictionary<int, string> processNames)
    {
        var parts = thread.Split(':', 2);
        if (!int.TryParse(parts[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var tid))
        {
            return thread;
        }

        var status = $"/proc/{tid}/status";
        var tgid = File.Exists(status)
            ? File.ReadLines(status).Where(l => l.StartsWith("Tgid:", StringComparison.Ordinal)).Select(l => int.Parse(l[5..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault(tid)
            : tid;
        if (processNames.TryGetValue(tgid, out var role))
        {
            return role;
        }

        var comm = $"/proc/{tgid}/comm";
        var name = File.Exists(comm) ? File.ReadAllText(comm).Trim() : parts.Length > 1 ? parts[1].Trim() : thread;
        // Database backends come and go with connections: one line for all of them.
        return name.StartsWith("postgres", StringComparison.Ordinal) ? "postgres (all processes)" : $"{name} ({tgid})";
    }

    [GeneratedRegex(@"^\s+(?<p>\d+\.\d+)%(\s+\d+\.\d+%)?\s+(?<rest>.+)$")]
    private static partial Regex Row();
}
