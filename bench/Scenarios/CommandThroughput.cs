using System.Diagnostics;
using WealthActors.Bench.Infrastructure;
using WealthActors.Complaints;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// The open → acknowledge → note → resolve mix from many concurrent callers, once through the grains as an external
/// Orleans client and once through HTTP, beside the raw rate of single-row upserts that the same database takes
/// from the same driver at the same concurrency, and the grain mix on a silo whose storage is its memory (the silo's
/// own limit). The ratio says how much of the database the product turns into commands (each command costs several
/// writes: grain state, reminder, read model, the client's link); <c>of_limit</c> how much of the silo's own rate the
/// database leaves it. A CPU gauge before and after tells a slower host from a slower build.
/// </summary>
public static class CommandThroughput
{
    private const string Name = "command-throughput";

    public static async Task<int> Run(BenchArgs args)
    {
        var callers = args.Int("callers", 64, 64);
        var duration = TimeSpan.FromSeconds(args.Seconds("duration", 60, 25));
        // Long enough for tiered JIT to settle, also under --quick: in the first ~20 s of a fresh silo the JIT takes most
        // of its CPU time (a 10 s warm-up measured 3.1 ms of silo CPU per grain op, a 20 s one 0.9 ms).
        var warmup = TimeSpan.FromSeconds(args.Seconds("warmup", 20, 20));
        Out.Detail($"plan: callers={callers} duration={duration.TotalSeconds}s per path after a warm-up ({warmup.TotalSeconds}s grains, {warmup.TotalSeconds / 2}s http); ops = open, acknowledge, note, resolve");
        var gaugeBefore = CpuGauge.Measure();

        using var temp = new TempDirectory();
        await using var storage = await BenchStorage.Start(args, temp, memoryAllowed: true);
        var measured = await Measure(storage, callers, duration, warmup, withHttp: true);
        var (grain, http, grainCost) = (measured.Grain, measured.Http!, measured.GrainCost);
        List<(string Path, MixResult Result)> paths = [("grains", grain), ("HTTP", http)];
        if (storage.IsMemory)
        {
            Plot(args, storage, callers, paths);
            var gauge = Gauge(gaugeBefore);
            Out.Summary(Name, ("storage", storage.Kind), ("grain_ops_s", Stats.F0(grain.PerSecond)), ("http_ops_s", Stats.F0(http.PerSecond)),
                ("cpu_gauge_ns", Stats.F0(gauge)));
            return 0;
        }

        MixResult raw;
        if (storage.IsPostgres)
        {
            // The silo is stopped: the raw loop has the server to itself, as the silo had.
            var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var databaseCpu = storage.Postgres.CpuTime();
            raw = await RawUpserts.RunPostgres(storage.Postgres.ConnectionString(), callers, duration, measured.PayloadBytes);
            paths.Add(("raw upserts", raw));
            var rawCost = new OpCost(raw.Ops, Process.GetCurrentProcess().TotalProcessorTime - benchCpu, storage.Postgres.CpuTime() - databaseCpu, raw.Ops);
            Out.Detail($"raw upserts, Npgsql, {callers} pooled connections: {raw.Describe()}; per upsert: driver CPU " +
                       $"{rawCost.ClientMs:0.00} ms, database CPU {rawCost.DatabaseMs:0.00} ms");
            // Both loops keep every core busy, so each rate is about the cores divided by the CPU one op costs: the
            // ratio of those costs bounds the ratio of the rates, whatever the machine (the load driver's own CPU aside).
            Out.Detail($"CPU per op on this machine's {Environment.ProcessorCount} cores: grain op {grainCost.TotalMs:0.00} ms (silo {grainCost.ClientMs:0.00} + database {grainCost.DatabaseMs:0.00}), " +
                       $"raw upsert {rawCost.TotalMs:0.00} ms (driver {rawCost.ClientMs:0.00} + database {rawCost.DatabaseMs:0.00}); " +
                       $"with the CPU as the limit the ratio is at most {rawCost.TotalMs / grainCost.TotalMs:0.00}; " +
                       $"even a silo that cost nothing would leave it at most {rawCost.TotalMs / grainCost.DatabaseMs:0.00} (the database's own CPU for {grainCost.Transactions:0.0} commits per grain op)");
        }
        else
        {
            // The silo is stopped: the raw loop has the file to itself, as the silo had. Raw means what the driver does
            // with no gate of its own: every caller its own pooled connection, SQLite's busy handler sorting out the writers.
            raw = await RawUpserts.Run(storage.SqliteFile, callers, duration, measured.PayloadBytes, gated: false);
            Out.Detail($"raw upserts, {callers} connections contending for the file lock: {raw.Describe()}");
            var gated = await RawUpserts.Run(storage.SqliteFile, callers, TimeSpan.FromSeconds(Math.Min(10, duration.TotalSeconds)), measured.PayloadBytes, gated: true);
            Out.Detail($"raw upserts through one gated connection, the product's write discipline: {gated.Describe()}");
            paths.Add(("raw upserts", raw));
            paths.Add(("raw upserts, one gated connection", gated));
        }

        // The silo's own limit in the same run: the same grain mix with its state in memory, no database at all.
        Out.Detail("the same grain mix on a silo with its storage in memory (the silo's own limit):");
        var limit = (await Measure(BenchStorage.Memory(temp), callers, duration, warmup, withHttp: false)).Grain;
        paths.Add(("grains, silo storage in memory", limit));
        Plot(args, storage, callers, paths);
        var finalGauge = Gauge(gaugeBefore);
        Out.Summary(Name,
            ("storage", storage.Kind), ("grain_ops_s", Stats.F0(grain.PerSecond)), ("http_ops_s", Stats.F0(http.PerSecond)),
            ("raw_upserts_s", Stats.F0(raw.PerSecond)), ("ratio", Stats.F2(grain.PerSecond / raw.PerSecond)),
            ("memory_ops_s", Stats.F0(limit.PerSecond)), ("of_limit", Stats.F2(grain.PerSecond / limit.PerSecond)), ("cpu_gauge_ns", Stats.F0(finalGauge)));
        return 0;
    }

    private static void Plot(BenchArgs args, BenchStorage storage, int callers, IEnumerable<(string Path, MixResult Result)> paths) =>
        SvgPlot.WriteIfAsked(args, Name, storage.Kind, () => ThroughputPlot.Build(storage.Kind, callers, paths));

    /// <summary>The CPU gauge after the run beside the one before it; the summary gives their mean.</summary>
    private static double Gauge(double before)
    {
        var after = CpuGauge.Measure();
        Out.Detail($"CPU gauge (ns per JSON document, one thread, lower is faster): {before:0} before the run, {after:0} after it");
        return (before + after) / 2;
    }

    private sealed record Measured(MixResult Grain, OpCost GrainCost, MixResult? Http, int PayloadBytes);

    /// <summary>
    /// A silo on <paramref name="storage"/>: the grain mix as an external Orleans client after a warm-up, what it cost
    /// the silo and the database, and with <paramref name="withHttp"/> the same mix over HTTP.
    /// </summary>
    private static async Task<Measured> Measure(BenchStorage storage, int callers, TimeSpan duration, TimeSpan warmup, bool withHttp)
    {
        const int branches = 10;
        var nonce = Guid.NewGuid().ToString("N")[..6];
        await using var silo = await storage.StartSilo();
        using var client = silo.Http();
        await using var gateway = await GatewayClient.Connect(silo.GatewayPort);
        await Org.Branches(client, branches);
        await Org.Clients(client, "T", callers * 10, branches, vip: false);

        var viaGrains = new GrainCycle(gateway.Grains, branches);
        await Mix.Run(callers, warmup, (c, s) => viaGrains.Run($"CTW{nonce}-{c}-{s}", c, s));
        var cpuBefore = silo.CpuTime();
        var databaseCpuBefore = DatabaseCpu(storage);
        var commitsBefore = Commits(storage);
        var driverCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        // --profile: where the CPU of the database silo's grain mix goes (the memory silo is the yardstick, not profiled).
        var profile = withHttp ? await PerfProfile.Start() : null;
        var grain = await Mix.Run(callers, duration, (c, s) => viaGrains.Run($"CTG{nonce}-{c}-{s}", c, s));
        if (profile is not null)
        {
            await profile.StopAndReport(new Dictionary<int, string> { [silo.ProcessId] = $"silo ({storage.Kind})", [Environment.ProcessId] = "load driver" }, [silo.ProcessId]);
        }

        Out.Detail($"grains (external client): {grain.Describe()}");
        // Independent of how busy the machine is: what one command costs the silo and the database.
        var driverMs = (Process.GetCurrentProcess().TotalProcessorTime - driverCpuBefore).TotalMilliseconds / Math.Max(1, grain.Ops);
        var commits = Commits(storage) - commitsBefore;
        var grainCost = new OpCost(grain.Ops, silo.CpuTime() - cpuBefore, DatabaseCpu(storage) - databaseCpuBefore, commits);
        Out.Detail($"per grain op: silo CPU {grainCost.ClientMs:0.00} ms" +
                   (commits > 0 ? $", database CPU {grainCost.DatabaseMs:0.00} ms, {grainCost.Transactions:0.00} database transactions" : "") +
                   // The load driver shares the machine: what its Orleans client spends per op is CPU the silo cannot have.
                   $"; the load driver's Orleans client {driverMs:0.00} ms");
        if (!withHttp)
        {
            return new Measured(grain, grainCost, null, 0);
        }

        var viaHttp = new HttpCycle(client, branches);
        await Mix.Run(callers, warmup / 2, (c, s) => viaHttp.Run(c, s));
        var http = await Mix.Run(callers, duration, (c, s) => viaHttp.Run(c, s));
        Out.Detail($"http: {http.Describe()}");
        var payloadBytes = AverageComplaintPayload(storage);
        Out.Detail($"silo resident memory: {silo.WorkingSetBytes() / (1024 * 1024)} MiB; mean complaint state payload {payloadBytes} B");
        return new Measured(grain, grainCost, http, payloadBytes);
    }

    /// <summary>What a run of <paramref name="Ops"/> operations cost: the CPU of the process that issued them, the database server's, its commits.</summary>
    private sealed record OpCost(long Ops, TimeSpan Client, TimeSpan Database, long Commits)
    {
        public double ClientMs => Client.TotalMilliseconds / Math.Max(1, Ops);

        public double DatabaseMs => Database.TotalMilliseconds / Math.Max(1, Ops);

        public double TotalMs => ClientMs + DatabaseMs;

        public double Transactions => Commits / (double)Math.Max(1, Ops);
    }

    internal static TimeSpan DatabaseCpu(BenchStorage storage) => storage.IsPostgres ? storage.Postgres.CpuTime() : TimeSpan.Zero;

    /// <summary>Committed transactions in the product's PostgreSQL database so far; 0 on SQLite (not counted there).</summary>
    internal static long Commits(BenchStorage storage)
    {
        if (!storage.IsPostgres)
        {
            return 0;
        }

        using var connection = storage.OpenReader()!;
        using var command = connection.CreateCommand();
        // The statistics collector reports with a delay; a fresh snapshot is forced first.
        command.CommandText = "SELECT pg_stat_clear_snapshot(); SELECT xact_commit FROM pg_stat_database WHERE datname = current_database();";
        using var reader = command.ExecuteReader();
        reader.NextResult();
        return reader.Read() ? reader.GetInt64(0) : 0;
    }

    private static int AverageComplaintPayload(BenchStorage storage)
    {
        using var connection = storage.OpenReader();
        if (connection is null)
        {
            // Storage kept elsewhere (an override for an experiment): a typical complaint state.
            return 1024;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT avg(length(payload)) FROM orleans_storage WHERE grain_type LIKE '%complaint%';";
        try
        {
            return command.ExecuteScalar() is { } average and not DBNull
                ? (int)Convert.ToDouble(average, System.Globalization.CultureInfo.InvariantCulture)
                : 2048;
        }
        catch (System.Data.Common.DbException)
        {
            // The silo kept its state elsewhere (Storage__Provider=Memory for an experiment), so the table was never made.
            return 1024;
        }
    }

    private sealed class GrainCycle(IClusterClient grains, int branches)
    {
        public async Task<int> Run(string complaintId, int caller, int sequence)
        {
            var (clientId, advisor) = Who(caller, sequence, branches);
            var actor = Actor.Employee(advisor, "bench");
            var complaint = grains.GetGrain<IComplaintGrain>(complaintId);
            await complaint.Open(new OpenComplaint(clientId, "Service", Severity.Normal, "bench", "转账延迟 Transfer delayed", null), actor);
            await complaint.Acknowledge(actor, "已受理 On it");
            await complaint.AddNote(actor, "已回电客户 Called the client back");
            await complaint.Resolve(actor, "已退还手续费 Fee refunded");
            return 4;
        }
    }

    internal sealed class HttpCycle(HttpClient http, int branches)
    {
        public async Task<int> Run(int caller, int sequence)
        {
            var (clientId, advisor) = Who(caller, sequence, branches);
            var opened = await http.PostExpect("/api/complaints", new
            {
                clientId, category = "Service", severity = "Normal", channel = "bench", description = "转账延迟 Transfer delayed", openedBy = advisor,
            }, 201);
            var id = opened.Str("complaintId");
            await http.PostExpect($"/api/complaints/{id}/acknowledge", new { by = advisor, text = "已受理 On it" }, 200);
            await http.PostExpect($"/api/complaints/{id}/notes", new { by = advisor, text = "已回电客户 Called the client back" }, 200);
            await http.PostExpect($"/api/complaints/{id}/resolve", new { by = advisor, text = "已退还手续费 Fee refunded" }, 200);
            return 4;
        }
    }

    /// <summary>Each caller works its own ten clients, so callers do not queue behind one client grain.</summary>
    private static (string ClientId, string Advisor) Who(int caller, int sequence, int branches)
    {
        var client = caller * 10 + sequence % 10;
        return (Org.Client("T", client), Org.Advisor(client % branches));
    }
}

/// <summary>Callers loop over a cycle of operations until the duration ends; only operations that completed count.</summary>
public static class Mix
{
    public static async Task<MixResult> Run(int callers, TimeSpan duration, Func<int, int, Task<int>> cycle)
    {
        // Operations completed in each whole second of the run, counted where the cycle completes: one interlocked add
        // per cycle, no allocation and no lock on the load driver's own hot path. The last bin also takes the cycles
        // still in flight when the duration ends, so the bins add up to every operation that completed.
        var bySecond = new long[(int)Math.Ceiling(duration.TotalSeconds) + 1];
        var errors = 0L;
        string? firstError = null;
        var cycleMillis = new List<double>();
        var origin = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            await Task.Yield();
            var local = new List<double>();
            for (var sequence = 0; clock.Elapsed < duration; sequence++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var ops = await cycle(caller, sequence);
                    var ended = Stopwatch.GetTimestamp();
                    Interlocked.Add(ref bySecond[(int)Math.Min((ended - origin) / Stopwatch.Frequency, bySecond.Length - 1)], ops);
                    local.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
            }

            lock (cycleMillis)
            {
                cycleMillis.AddRange(local);
            }
        }));
        return new MixResult(bySecond.Sum(), errors, firstError, clock.Elapsed, cycleMillis) { OpsBySecond = bySecond, Duration = duration };
    }
}

public sealed record MixResult(long Ops, long Errors, string? FirstError, TimeSpan Elapsed, IReadOnlyList<double> CycleMillis)
{
    /// <summary>
    /// Operations completed in each whole second after the start; the last bin also holds every one completed later still
    /// (the cycles in flight when the duration ended).
    /// </summary>
    public IReadOnlyList<long> OpsBySecond { get; init; } = [];

    /// <summary>How long the callers kept starting cycles.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Operations completed in each second that ended before the duration did, when callers kept starting cycles throughout.</summary>
    public IReadOnlyList<long> FullSeconds => OpsBySecond.Take((int)Duration.TotalSeconds).ToArray();

    public double PerSecond => Ops / Elapsed.TotalSeconds;

    public string Describe() =>
        $"{Ops} ops in {Elapsed.TotalSeconds:0.0}s = {PerSecond:0} ops/s, {Errors} failed cycles; cycle latency {Stats.Describe(CycleMillis)}" +
        (FirstError is null ? "" : $"; first error: {FirstError}");
}
