using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// What the audit trail costs a command: the HTTP open → acknowledge → note → resolve mix from many callers, once with
/// the trail off (<c>Audit:Enabled=false</c>, which exists for this comparison only) and once on, each on a fresh silo
/// over the same database in the same run. With the trail on, every command's answer waits for its entry's commit.
/// </summary>
public static class AuditOverhead
{
    private const string Name = "audit-overhead";
    private const int Branches = 10;

    public static async Task<int> Run(BenchArgs args)
    {
        var callers = args.Int("callers", 64, 64);
        var duration = TimeSpan.FromSeconds(args.Seconds("duration", 60, 25));
        var warmup = TimeSpan.FromSeconds(args.Seconds("warmup", 20, 15));
        // Off first: the run with the trail on then works a database that is a little larger, never smaller.
        var order = args.Quick || args.Has("once") ? new[] { false, true } : [false, true, true, false];
        Out.Detail($"plan: callers={callers} duration={duration.TotalSeconds}s per run after a {warmup.TotalSeconds}s warm-up; runs (audit): " +
                   string.Join(", ", order.Select(on => on ? "on" : "off")) + "; ops = open, acknowledge, note, resolve over HTTP");

        using var temp = new TempDirectory();
        await using var storage = await BenchStorage.Start(args, temp);
        var results = new Dictionary<bool, List<MixResult>> { [false] = [], [true] = [] };
        foreach (var audited in order)
        {
            results[audited].Add(await Measure(storage, audited, callers, warmup, duration));
        }

        var with = Rate(results[true]);
        var without = Rate(results[false]);
        Out.Summary(Name,
            ("storage", storage.Kind), ("with_ops_s", Stats.F0(with)), ("without_ops_s", Stats.F0(without)), ("ratio", Stats.F2(with / without)));
        return 0;
    }

    private static async Task<MixResult> Measure(BenchStorage storage, bool audited, int callers, TimeSpan warmup, TimeSpan duration)
    {
        var entriesBefore = AuditEntries(storage);
        await using var silo = await storage.StartSilo(new Dictionary<string, string> { ["Audit__Enabled"] = audited ? "true" : "false" });
        using var client = silo.Http();
        await Org.Branches(client, Branches);
        // The cycle works clients "T…", as command-throughput does.
        await Org.Clients(client, "T", callers * 10, Branches, vip: false);
        var cycle = new CommandThroughput.HttpCycle(client, Branches);
        await Mix.Run(callers, warmup, (c, s) => cycle.Run(c, s));
        var cpuBefore = silo.CpuTime();
        var databaseCpuBefore = CommandThroughput.DatabaseCpu(storage);
        var commitsBefore = CommandThroughput.Commits(storage);
        var result = await Mix.Run(callers, duration, (c, s) => cycle.Run(c, s));
        // Per op, and so less dependent on how busy the machine is than the rates: what the trail adds to each command.
        var ops = Math.Max(1, result.Ops);
        var cpuMs = (silo.CpuTime() - cpuBefore).TotalMilliseconds / ops;
        var databaseMs = (CommandThroughput.DatabaseCpu(storage) - databaseCpuBefore).TotalMilliseconds / ops;
        var commits = (CommandThroughput.Commits(storage) - commitsBefore) / (double)ops;
        await silo.Stop();
        var entries = AuditEntries(storage) - entriesBefore;
        Out.Detail($"audit {(audited ? "on" : "off")}: {result.Describe()}; per op: silo CPU {cpuMs:0.00} ms" +
                   (storage.IsPostgres ? $", database CPU {databaseMs:0.00} ms, {commits:0.00} database transactions" : "") +
                   $"; audit entries written {entries}");
        if (audited && entries < result.Ops)
        {
            throw new InvalidOperationException($"The trail holds {entries} new entries for {result.Ops} commands.");
        }

        return result;
    }

    private static double Rate(IReadOnlyList<MixResult> runs) => runs.Sum(r => r.Ops) / runs.Sum(r => r.Elapsed.TotalSeconds);

    private static long AuditEntries(BenchStorage storage)
    {
        using var connection = storage.OpenReader();
        if (connection is null)
        {
            return 0;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM audit_entries;";
        try
        {
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (System.Data.Common.DbException)
        {
            // No schema yet: the first silo has not started.
            return 0;
        }
    }
}
