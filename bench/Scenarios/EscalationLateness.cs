using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using WealthActors.Bench.Infrastructure;
using WealthActors.Employees;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// VIP complaints whose one escalation step (to the branch head) falls due minutes after opening, with deadlines spread
/// evenly over a window. Lateness is the inbox message's <c>deliveredAt</c> (stamped by the branch head's grain when its
/// inbox took the message) minus the deadline the open call returned; <c>createdAt</c> (when the complaint fired) shows
/// how much of it is the firing, and a poller on the employees' inboxes checks both with its own wall clock. Every
/// expected escalation must arrive exactly once.
/// </summary>
public static class EscalationLateness
{
    private const string Name = "escalation-lateness";

    /// <summary>
    /// The scenario measures N complaints already open when their deadlines come due, so the first deadline is set
    /// after the time opening N takes at this rate (a floor below what either storage sustains on two cores).
    /// </summary>
    private const int OpensPerSecondFloor = 200;

    public static async Task<int> Run(BenchArgs args)
    {
        var n = args.Int("n", 10_000, 10_000);
        var plan = new LatenessPlan(
            N: n,
            Branches: args.Int("branches", 100, 100),
            Spread: TimeSpan.FromSeconds(args.Seconds("spread", 600, 60)),
            Lead: TimeSpan.FromSeconds(args.Seconds("lead", Math.Max(60, n / OpensPerSecondFloor), Math.Max(30, n / OpensPerSecondFloor))),
            Concurrency: args.Int("concurrency", 16, 16),
            Grace: TimeSpan.FromSeconds(args.Seconds("grace", 60, 30)));
        var clientCount = args.Int("clients", Math.Clamp(plan.N / 5, 1, 5_000), Math.Clamp(plan.N / 5, 1, 5_000));
        Out.Detail($"plan: n={plan.N} branches={plan.Branches} vip_clients={clientCount} lead={plan.Lead.TotalSeconds}s " +
                   $"spread={plan.Spread.TotalSeconds}s policy_step={plan.Step.TotalSeconds}s open_concurrency={plan.Concurrency}");

        using var temp = new TempDirectory();
        await using var storage = await BenchStorage.Start(args, temp);
        await using var silo = await storage.StartSilo();
        using var http = silo.Http();
        await using var gateway = await GatewayClient.Connect(silo.GatewayPort);

        var setup = Stopwatch.StartNew();
        await Org.Branches(http, plan.Branches);
        await Org.Clients(http, "V", clientCount, plan.Branches, vip: true);
        await PutPolicies(http, plan);
        Out.Detail($"setup: {plan.Branches} branches, {clientCount} VIP clients, {plan.PolicyCount} policies in {setup.Elapsed.TotalSeconds:0.0}s");

        using var stopPolling = new CancellationTokenSource();
        var poller = new InboxPoller(gateway.Grains, Enumerable.Range(0, plan.Branches).Select(Org.Head).ToArray());
        var polling = poller.Run(stopPolling.Token);

        var opening = await Open(http, plan, clientCount);
        Out.Detail($"open: {opening.Opened.Count} opened, {opening.Failed} failed in {opening.Elapsed.TotalSeconds:0.0}s " +
                   $"({opening.PerSecond:0} per second); deadlines from +{opening.FirstDue.TotalSeconds:0}s to +{opening.LastDue.TotalSeconds:0}s after the first open");
        Out.Detail($"deadlines per second of the window: {DeadlineDensity(opening.Opened.Select(o => o.Due))}");
        var overlap = opening.Elapsed - opening.FirstDue;
        Out.Detail(overlap > TimeSpan.Zero
            ? $"opening overlapped the first {overlap.TotalSeconds:0}s of deadlines (lower the rate floor or pass a longer --lead to separate them)"
            : $"opening ended {-overlap.TotalSeconds:0}s before the first deadline");
        if (opening.FirstError is not null)
        {
            Out.Detail($"first open error: {opening.FirstError}");
        }

        var expected = opening.Opened.ToDictionary(o => $"{o.ComplaintId}:1:1", o => o);
        var lastDue = opening.Opened.Count == 0 ? DateTimeOffset.UtcNow : opening.Opened.Max(o => o.Due);
        var firstDue = opening.Opened.Count == 0 ? DateTimeOffset.UtcNow : opening.Opened.Min(o => o.Due);
        if (firstDue > DateTimeOffset.UtcNow)
        {
            await Task.Delay(firstDue - DateTimeOffset.UtcNow);
        }

        var atFirstDeadline = await SiloRuntimeSnapshot.Take(silo, http);
        var databaseAtFirstDeadline = await PostgresActivity.Take(storage);
        await using var probe = WindowProbe.Start(storage);
        while (DateTimeOffset.UtcNow < lastDue + plan.Grace && !expected.Keys.All(poller.Seen.ContainsKey))
        {
            await Task.Delay(1000);
        }

        var afterDeadlines = await SiloRuntimeSnapshot.Take(silo, http);
        var databaseAfterDeadlines = await PostgresActivity.Take(storage);
        await stopPolling.CancelAsync();
        await polling;

        var history = await History(http, plan.Branches);
        var check = await SampleTimelines(http, opening.Opened, sample: Math.Min(200, opening.Opened.Count));
        var duplicated = history.Duplicates + poller.Redelivered + check.ExtraEscalations;
        var found = expected.Keys.Where(k => history.Stamps.ContainsKey(k) || poller.Seen.ContainsKey(k)).ToArray();
        var missed = expected.Count - found.Length + opening.Failed;
        var unexpected = history.Stamps.Keys.Concat(poller.Seen.Keys).Distinct().Count(k => !expected.ContainsKey(k));

        var stamps = found.Select(k => (Key: k, Stamp: history.Stamps.TryGetValue(k, out var h) ? h : poller.Seen[k].Stamp)).ToArray();
        var delivered = stamps.Where(s => s.Stamp.DeliveredAt is not null)
            .Select(s => (expected[s.Key].Due, LatenessMs: (s.Stamp.DeliveredAt!.Value - expected[s.Key].Due).TotalMilliseconds)).ToArray();
        var lateness = delivered.Select(d => d.LatenessMs).ToArray();
        var fired = stamps.Select(s => (s.Stamp.CreatedAt - expected[s.Key].Due).TotalMilliseconds).ToArray();
        var seenLateness = found.Where(poller.Seen.ContainsKey).Select(k => (poller.Seen[k].SeenAt - expected[k].Due).TotalMilliseconds).ToArray();
        // Lower bound: the previous answer for that inbox, when the message was not there yet (never before its deadline).
        var notYetLateness = found.Where(poller.Seen.ContainsKey)
            .Select(k => Math.Max(0, (poller.Seen[k].NotYetAt - expected[k].Due).TotalMilliseconds)).ToArray();
        var sorted = Stats.Sorted(lateness);
        Out.Detail($"lateness (deliveredAt - due): {Stats.Describe(lateness)}; messages without deliveredAt: {stamps.Length - lateness.Length}");
        Out.Detail($"fired (createdAt - due): {Stats.Describe(fired)}");
        var lateBins = LateBins(delivered, firstDue);
        Out.Detail($"over {ClusterThresholdMs} ms late, by when they fell due (10-s bins after the first deadline; the busiest {ClusterBins}): " +
                   LateClusters(lateBins));
        Out.Detail("meanwhile (seconds after the first deadline): " + await probe.StopAndDescribe(firstDue, lateBins.Select(b => b.Start)));
        Out.Detail($"in the inbox by (poller wall clock at the first answer holding it - due): {Stats.Describe(seenLateness)}");
        Out.Detail($"not yet in the inbox at (previous answer for that inbox - due, floored at 0): {Stats.Describe(notYetLateness)}");
        // The poller brackets when a reader could first see each message: after the previous answer without it, by the
        // first answer with it (an answer can itself wait behind deliveries queued at a busy branch head).
        var sortedSeen = Stats.Sorted(seenLateness);
        var sortedNotYet = Stats.Sorted(notYetLateness);
        Out.Detail($"readable in the inbox, p99 between {Stats.F0(Stats.Percentile(sortedNotYet, 99))} and {Stats.F0(Stats.Percentile(sortedSeen, 99))} ms after the deadline " +
                   $"(the summary's p99 is deliveredAt - due = {Stats.F0(Stats.Percentile(sorted, 99))} ms; the poller reads each inbox once a second, so its bracket is up to a second wide)");
        Out.Detail($"poll cycles: {poller.Cycles}, mean cycle {poller.MeanCycleMs:0} ms; escalations the poller never saw in a recent inbox: {found.Length - seenLateness.Length}");
        Out.Detail($"delivered={found.Length}/{expected.Count} missed={missed} (of which failed opens: {opening.Failed}) duplicated={duplicated} " +
                   $"(history repeats {history.Duplicates}, re-deliveries {poller.Redelivered}, extra timeline escalations {check.ExtraEscalations} in {check.Sampled} sampled) unexpected_messages={unexpected}");
        Out.Detail($"silo resident memory at the end: {silo.WorkingSetBytes() / (1024 * 1024)} MiB");
        Out.Detail($"database size at the end: {(storage.DatabaseBytes() is { } bytes ? $"{bytes / (1024 * 1024)} MiB" : "not in a file (storage overridden)")}");
        // A reminder tick that falls due while the silo is paused for a collection waits for the pause to end.
        Out.Detail($"silo from the first deadline until all were seen: {afterDeadlines.DescribeSince(atFirstDeadline, Environment.ProcessorCount)}");
        if (databaseAfterDeadlines is not null && databaseAtFirstDeadline is not null)
        {
            Out.Detail($"PostgreSQL from the first deadline until all were seen: {databaseAfterDeadlines.DescribeSince(databaseAtFirstDeadline)}");
            Out.Detail("PostgreSQL server log then (seconds after the first deadline): " + PostgresServerLog.Describe(
                await storage.Postgres.ServerLog(), firstDue, databaseAtFirstDeadline.At, databaseAfterDeadlines.At));
        }

        Out.Detail(StoredStateSizes(storage));
        SvgPlot.WriteIfAsked(args, Name, storage.Kind, () => LatenessPlot.Build(storage.Kind, plan.N, delivered, firstDue));

        Out.Summary(Name,
            ("storage", storage.Kind), ("n", plan.N), ("open_per_s", Stats.F0(opening.PerSecond)),
            ("p50_ms", Stats.F0(Stats.Percentile(sorted, 50))), ("p99_ms", Stats.F0(Stats.Percentile(sorted, 99))),
            ("max_ms", Stats.F0(sorted.Length == 0 ? double.NaN : sorted[^1])), ("missed", missed), ("duplicated", duplicated));
        return 0;
    }

    private const int ClusterThresholdMs = 250;
    private const int ClusterBins = 12;

    /// <summary>How evenly the deadlines fall: their count per whole second from the first to the last, as mean and peak.</summary>
    public static string DeadlineDensity(IEnumerable<DateTimeOffset> dues)
    {
        var all = dues.ToArray();
        if (all.Length == 0)
        {
            return "none";
        }

        var first = all.Min();
        var perSecond = new int[(int)((all.Max() - first).TotalSeconds) + 1];
        foreach (var due in all)
        {
            perSecond[(int)(due - first).TotalSeconds]++;
        }

        var sorted = Stats.Sorted(perSecond.Select(c => (double)c));
        return $"mean {Stats.F0(all.Length / (double)perSecond.Length)}, p99 {Stats.F0(Stats.Percentile(sorted, 99))}, max {Stats.F0(sorted[^1])} " +
               $"over {perSecond.Length} s";
    }

    /// <summary>
    /// Whether the late deliveries are spread evenly or bunched in a few seconds (something that stalled the silo
    /// then: a collection, a reminder-table refresh): their counts per 10 s of deadlines, the busiest bins in time order.
    /// </summary>
    public static IReadOnlyList<(int Start, int Count)> LateBins(IEnumerable<(DateTimeOffset Due, double LatenessMs)> deliveries, DateTimeOffset firstDue) =>
        deliveries.Where(d => d.LatenessMs > ClusterThresholdMs)
            .GroupBy(d => (int)((d.Due - firstDue).TotalSeconds / 10))
            .Select(g => (Start: g.Key * 10, Count: g.Count()))
            .OrderByDescending(b => b.Count).Take(ClusterBins)
            .OrderBy(b => b.Start)
            .ToArray();

    public static string LateClusters(IReadOnlyList<(int Start, int Count)> bins) =>
        bins.Count == 0 ? "none" : string.Join(", ", bins.Select(b => $"+{b.Start}s: {b.Count}"));

    /// <summary>
    /// The stored state of the grains that took the deliveries: a branch head's whole state is written again on each
    /// delivery, so its size times the deliveries is what the inbox costs the database.
    /// </summary>
    private static string StoredStateSizes(BenchStorage storage)
    {
        using var connection = storage.OpenReader();
        if (connection is null)
        {
            return "stored grain state: not in a SQLite file (storage overridden)";
        }

        using var command = connection.CreateCommand();
        var kind = storage.IsPostgres ? "split_part(grain_type, '/', 1)" : "substr(grain_type, 1, instr(grain_type, '/') - 1)";
        command.CommandText = $"""
            SELECT {kind}, count(*), avg(length(payload)), max(length(payload))
            FROM orleans_storage GROUP BY 1 ORDER BY 1;
            """;
        using var reader = command.ExecuteReader();
        var parts = new List<string>();
        while (reader.Read())
        {
            var average = Convert.ToDouble(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            var max = Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture);
            parts.Add($"{reader.GetString(0)} x{reader.GetInt64(1)} avg {average / 1024:0.0} KiB max {max / 1024.0:0.0} KiB");
        }

        return $"stored grain state by type: {string.Join("; ", parts)}";
    }

    internal static async Task PutPolicies(HttpClient http, LatenessPlan plan)
    {
        // Sequential: each PUT rewrites the catalog grain, and the order keeps every policy at version 1.
        for (var m = 1; m <= plan.PolicyCount; m++)
        {
            await http.PutOk($"/api/sla-policies/{plan.PolicyId(m)}", new
            {
                name = $"Bench lateness {m}", match = new { categories = new[] { "bench-only" } }, priority = 0, clock = "Calendar",
                firstResponse = "PT2H", resolution = "P2D", warnAt = 0.9,
                escalations = new[] { new { after = $"PT{(plan.Step * m).TotalSeconds}S", toRole = "BranchHead", action = "Notify" } },
            });
        }
    }

    private const int PlaceSeed = 20261126;

    internal static async Task<Opening> Open(HttpClient http, LatenessPlan plan, int clientCount)
    {
        var opened = new ConcurrentBag<OpenedComplaint>();
        var failed = 0;
        string? firstError = null;
        var next = -1;
        // A deadline is the open time plus a whole number of policy steps, so complaints opened one after another with
        // neighbouring places in the window would share the step and fall due at the opening rate, in clumps, instead
        // of evenly. Opened in random order of place, each lands at a random point of its step: evenly spread.
        var places = Enumerable.Range(0, plan.N).ToArray();
        new Random(PlaceSeed).Shuffle(places);
        var t0 = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, plan.Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < plan.N)
            {
                var k = places[i];
                var client = k % clientCount;
                var branch = client % plan.Branches;
                // The complaint's deadline should land at its place in the window; policies come in whole steps.
                var target = t0 + plan.Lead + plan.Spread * ((k + 0.5) / plan.N);
                var m = Math.Clamp((int)Math.Ceiling((target - DateTimeOffset.UtcNow) / plan.Step), 1, plan.PolicyCount);
                try
                {
                    var body = await http.PostExpect("/api/complaints", new
                    {
                        clientId = Org.Client("V", client), category = "Service", severity = "High", channel = "bench",
                        description = "资金划转延迟三天 Transfer delayed three days", openedBy = Org.Advisor(branch), policyId = plan.PolicyId(m),
                    }, 201);
                    var due = body["escalations"]![0]!["due"]!.GetValue<DateTimeOffset>();
                    opened.Add(new OpenedComplaint(body.Str("complaintId"), due));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
            }
        });
        await Task.WhenAll(callers);
        var elapsed = clock.Elapsed;
        var list = opened.ToList();
        return new Opening(list, failed, firstError, elapsed,
            list.Count / elapsed.TotalSeconds,
            list.Count == 0 ? TimeSpan.Zero : list.Min(o => o.Due) - t0,
            list.Count == 0 ? TimeSpan.Zero : list.Max(o => o.Due) - t0);
    }

    /// <summary>The full inbox history of every branch head, from the read model through the HTTP API.</summary>
    private static async Task<HistoryCheck> History(HttpClient http, int branches)
    {
        var stamps = new ConcurrentDictionary<string, Stamp>();
        var duplicates = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, branches), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var inbox = await http.GetOk($"/api/employees/{Org.Head(i)}/inbox?history=true&limit=1000");
            foreach (var message in inbox.AsArray().OfType<JsonNode>().Where(m => m.Str("kind") == "Escalation"))
            {
                var stamp = new Stamp(message["createdAt"]!.GetValue<DateTimeOffset>(), message["deliveredAt"]?.GetValue<DateTimeOffset>());
                if (!stamps.TryAdd(message.Str("key"), stamp))
                {
                    Interlocked.Increment(ref duplicates);
                }
            }
        });
        return new HistoryCheck(stamps, duplicates);
    }

    /// <summary>A fired step is recorded once in the complaint's own timeline; a second record would be a duplicate fire.</summary>
    private static async Task<TimelineCheck> SampleTimelines(HttpClient http, IReadOnlyList<OpenedComplaint> opened, int sample)
    {
        var extra = 0;
        var stride = Math.Max(1, opened.Count / Math.Max(1, sample));
        var picked = opened.Where((_, i) => i % stride == 0).Take(sample).ToArray();
        await Parallel.ForEachAsync(picked, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (o, _) =>
        {
            var view = await http.GetOk($"/api/complaints/{o.ComplaintId}");
            var escalated = view["timeline"]!.AsArray().Count(t => t!.Str("kind") == "Escalated");
            if (escalated > 1)
            {
                Interlocked.Add(ref extra, escalated - 1);
            }
        });
        return new TimelineCheck(picked.Length, extra);
    }

    internal sealed record LatenessPlan(int N, int Branches, TimeSpan Spread, TimeSpan Lead, int Concurrency, TimeSpan Grace)
    {
        /// <summary>Policies come in whole steps of escalation time; about 200 of them cover the window.</summary>
        public TimeSpan Step { get; } = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((Lead + Spread).TotalSeconds / 200)));

        public int PolicyCount => (int)Math.Ceiling((Lead + Spread) / Step) + 1;

        public string PolicyId(int m) => $"bench-lat-{m:000}";
    }

    internal sealed record OpenedComplaint(string ComplaintId, DateTimeOffset Due);

    internal sealed record Opening(
        IReadOnlyList<OpenedComplaint> Opened, int Failed, string? FirstError, TimeSpan Elapsed, double PerSecond, TimeSpan FirstDue, TimeSpan LastDue);

    private sealed record HistoryCheck(IReadOnlyDictionary<string, Stamp> Stamps, int Duplicates);

    private sealed record TimelineCheck(int Sampled, int ExtraEscalations);
}

/// <summary>
/// Reads the recent inbox of each watched employee in turn through the gateway and notes, by its own wall clock,
/// when each escalation first shows up. A key that shows up again with other stamps was delivered twice.
/// </summary>
public sealed class InboxPoller(IClusterClient grains, IReadOnlyList<string> employees)
{
    /// <summary>How often each inbox is read: the start of one cycle to the start of the next.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long _cycleTicks;

    public ConcurrentDictionary<string, SeenMessage> Seen { get; } = new();

    private readonly ConcurrentDictionary<string, byte> _redelivered = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastAnswer = new();

    /// <summary>Keys seen again with another <c>createdAt</c>: each is one extra delivery.</summary>
    public int Redelivered => _redelivered.Count;

    public int Cycles { get; private set; }

    public double MeanCycleMs => Cycles == 0 ? 0 : TimeSpan.FromTicks(_cycleTicks / Cycles).TotalMilliseconds;

    public async Task Run(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await Parallel.ForEachAsync(employees, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (employee, _) =>
                {
                    var inbox = await grains.GetGrain<IEmployeeGrain>(employee).GetInbox(100);
                    var now = DateTimeOffset.UtcNow;
                    // The message arrived after this employee's previous answer and before this one.
                    var previous = _lastAnswer.TryGetValue(employee, out var last) ? last : DateTimeOffset.MinValue;
                    _lastAnswer[employee] = now;
                    foreach (var message in inbox)
                    {
                        if (message.Kind != InboxKind.Escalation)
                        {
                            continue;
                        }

                        var seen = Seen.GetOrAdd(message.Key, _ => new SeenMessage(now, previous, new Stamp(message.CreatedAt, message.DeliveredAt)));
                        if (seen.Stamp != new Stamp(message.CreatedAt, message.DeliveredAt))
                        {
                            _redelivered.TryAdd(message.Key, 0);
                        }
                    }
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A slow or failed read only delays what the poller sees; the final history check still counts it.
            }

            Cycles++;
            var took = Stopwatch.GetElapsedTime(started);
            _cycleTicks += took.Ticks;
            try
            {
                // Once a second per inbox, as an open inbox view refreshes: often enough to catch every message while
                // it is among the recent ones, without loading the silo with reads no real reader makes.
                await Task.Delay(Interval > took ? Interval - took : TimeSpan.Zero, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>When a key first showed up, and the previous answer for the same employee that did not have it yet.</summary>
public sealed record SeenMessage(DateTimeOffset SeenAt, DateTimeOffset NotYetAt, Stamp Stamp);

/// <summary>When the sender raised a message and when the recipient's inbox took it.</summary>
public sealed record Stamp(DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
