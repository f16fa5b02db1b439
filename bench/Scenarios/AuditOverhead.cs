using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// What the audit trail costs a command: the HTTP open → acknowledge → note → resolve mix from many callers against a
/// silo with the trail off (<c>Audit:Enabled=false</c>, which exists for this comparison only) and one with it on, both
/// running on the same database in the same run. The load alternates between them in short slices, so whatever else the
/// machine is doing weighs on both alike; each silo is a service of its own (its own cluster and grain rows), so the two
/// never share a grain.
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
        var slice = TimeSpan.FromSeconds(args.Seconds("slice", 2.5, 2.5));
        Out.Detail($"plan: callers={callers}, {duration.TotalSeconds}s per setting after a {warmup.TotalSeconds}s warm-up of each, " +
                   $"alternating every {slice.TotalSeconds}s between the silo with the audit trail off and the one with it on; " +
                   "ops = open, acknowledge, note, resolve over HTTP");

        using var temp = new TempDirectory();
        await using var storage = await BenchStorage.Start(args, temp);
        await using var off = await Setting.Start(storage, temp, audited: false, callers);
        await using var on = await Setting.Start(storage, temp, audited: true, callers);
        var entriesBefore = on.AuditEntries();

        await Alternate(off, on, callers, warmup, slice, measure: false);
        var profile = await PerfProfile.Start();
        await Alternate(off, on, callers, duration, slice, measure: true);
        if (profile is not null)
        {
            await profile.StopAndReport(
                new Dictionary<int, string> { [off.ProcessId] = "silo, trail off", [on.ProcessId] = "silo, trail on", [Environment.ProcessId] = "load driver" },
                [on.ProcessId, off.ProcessId]);
        }

        var entries = on.AuditEntries() - entriesBefore;
        foreach (var setting in new[] { off, on })
        {
            Out.Detail(setting.Describe(storage.IsPostgres));
        }

        Out.Detail($"audit entries written while the trail was on: {entries} (at least one per command: {on.Ops})");
        if (entries < on.Ops)
        {
            throw new InvalidOperationException($"The trail holds {entries} new entries for {on.Ops} commands.");
        }

        Out.Summary(Name,
            ("storage", storage.Kind), ("with_ops_s", Stats.F0(on.PerSecond)), ("without_ops_s", Stats.F0(off.PerSecond)),
            ("ratio", Stats.F2(on.PerSecond / off.PerSecond)));
        return 0;
    }

    /// <summary>Slices of <paramref name="slice"/>, off and on in turn, until each setting has had <paramref name="total"/>.</summary>
    private static async Task Alternate(Setting off, Setting on, int callers, TimeSpan total, TimeSpan slice, bool measure)
    {
        var slices = Math.Max(1, (int)Math.Ceiling(total / slice));
        for (var i = 0; i < slices; i++)
        {
            // off, on, on, off, …: neither setting always goes first.
            foreach (var setting in i % 2 == 0 ? new[] { off, on } : [on, off])
            {
                await setting.Slice(callers, slice, measure);
            }
        }
    }

    /// <summary>One silo of the comparison and what its measured slices added up to.</summary>
    private sealed class Setting(BenchStorage storage, ChildSilo silo, HttpClient client, bool audited, string? sqliteFile) : IAsyncDisposable
    {
        private readonly CommandThroughput.HttpCycle _cycle = new(client, Branches);
        private readonly List<double> _cycleMillis = [];
        private TimeSpan _elapsed;
        private TimeSpan _siloCpu;
        private TimeSpan _databaseCpu;
        private long _commits;
        private long _errors;

        public long Ops { get; private set; }

        public int ProcessId => silo.ProcessId;

        public double PerSecond => Ops / _elapsed.TotalSeconds;

        public static async Task<Setting> Start(BenchStorage storage, TempDirectory temp, bool audited, int callers)
        {
            var name = audited ? "audit-on" : "audit-off";
            var environment = new Dictionary<string, string>
            {
                ["Audit__Enabled"] = audited ? "true" : "false",
                // A service of its own on the shared database: its own membership, grain rows, reminders and scheduler.
                ["Orleans__ClusterId"] = name,
                ["Orleans__ServiceId"] = name,
            };
            // On SQLite each has a file of its own: two processes would queue on one file's lock.
            var sqliteFile = storage.IsPostgres ? null : temp.File($"{name}.db");
            if (sqliteFile is not null)
            {
                environment["Storage__Sqlite__Path"] = sqliteFile;
            }

            var silo = await storage.StartSilo(environment);
            var client = silo.Http();
            await Org.Branches(client, Branches);
            // The cycle works clients "T…", as command-throughput does.
            await Org.Clients(client, "T", callers * 10, Branches, vip: false);
            return new Setting(storage, silo, client, audited, sqliteFile);
        }

        public async Task Slice(int callers, TimeSpan duration, bool measure)
        {
            var cpu = silo.CpuTime();
            var databaseCpu = CommandThroughput.DatabaseCpu(storage);
            var commits = CommandThroughput.Commits(storage);
            var result = await Mix.Run(callers, duration, (c, s) => _cycle.Run(c, s));
            if (!measure)
            {
                return;
            }

            Ops += result.Ops;
            _errors += result.Errors;
            _elapsed += result.Elapsed;
            _cycleMillis.AddRange(result.CycleMillis);
            _siloCpu += silo.CpuTime() - cpu;
            _databaseCpu += CommandThroughput.DatabaseCpu(storage) - databaseCpu;
            _commits += CommandThroughput.Commits(storage) - commits;
        }

        /// <summary>Per op as well as per second: CPU and commits per command depend less on how busy the machine is.</summary>
        public string Describe(bool postgres)
        {
            var ops = Math.Max(1, Ops);
            return $"audit {(audited ? "on" : "off")}: {Ops} ops in {_elapsed.TotalSeconds:0.0}s = {PerSecond:0} ops/s, {_errors} failed cycles; " +
                   $"cycle latency {Stats.Describe(_cycleMillis)}; per op: silo CPU {_siloCpu.TotalMilliseconds / ops:0.00} ms" +
                   (postgres ? $", database CPU {_databaseCpu.TotalMilliseconds / ops:0.00} ms, {_commits / (double)ops:0.00} database transactions" : "");
        }

        /// <summary>Entries in this silo's database (on PostgreSQL, the shared one, where only the audited silo writes any).</summary>
        public long AuditEntries()
        {
            using var connection = sqliteFile is null ? storage.OpenReader()! : OpenSqlite(sqliteFile);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM audit_entries;";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        private static Microsoft.Data.Sqlite.SqliteConnection OpenSqlite(string file)
        {
            var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly");
            connection.Open();
            return connection;
        }

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await silo.DisposeAsync();
        }
    }
}
