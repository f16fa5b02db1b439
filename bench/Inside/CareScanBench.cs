using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Care;
using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Care;
using WealthActors.Tasks;

namespace WealthActors.Bench.Inside;

/// <summary>
/// The daily care rules (birthday, maturity, dormancy, risk expiry) over a large book, inside the silo process on
/// whichever storage it runs: clients written straight into the read model through the product's own writer (which
/// seals birthdays as it always does), then the product's four care runners timed over it (their real queries,
/// birthdays opened, ledger writes and task texts; deliveries are counted instead of sent to grains), and a second run
/// of the same day, which must deliver nothing.
/// </summary>
public static class CareScanBench
{
    /// <summary>The scan's day: 2026-06-01, 09:00 in Shanghai.</summary>
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 1, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Clients born across the year, a fifth of them HNW or above; nine in ten contacted within 30 days; risk
    /// assessments expiring over the next year; half holding a product that matures within a year. Fixed seed: every
    /// storage scans the same book.
    /// </summary>
    public static Task<IResult> Seed(IReadModelWriter writer, int count)
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var random = new Random(20260601);
        return ReadModelSeeding.InWaves(Enumerable.Range(0, count).Select(i => Client(i, random, today)), row => writer.UpsertClient(row));
    }

    public static async Task<IResult> Scan(ICareScanQueries queries)
    {
        var context = new CountingCareContext();
        IReadOnlyList<CareRunner> runners =
        [
            new BirthdayCareRunner(queries, context, NullLogger<BirthdayCareRunner>.Instance),
            new MaturityCareRunner(queries, context, NullLogger<MaturityCareRunner>.Instance),
            new DormancyCareRunner(queries, context, NullLogger<DormancyCareRunner>.Instance),
            new RiskExpiryCareRunner(queries, context, NullLogger<RiskExpiryCareRunner>.Instance),
        ];
        var first = await RunAll(runners);
        var rerun = await RunAll(runners);
        return TypedResults.Ok(new { first, rerun });
    }

    private static async Task<ScanRun> RunAll(IReadOnlyList<CareRunner> runners)
    {
        var total = Stopwatch.StartNew();
        var rules = new List<RuleRun>();
        foreach (var runner in runners)
        {
            var watch = Stopwatch.StartNew();
            var result = await runner.RunAsync(Now, CancellationToken.None);
            rules.Add(new RuleRun(result.Job, result.Scanned, result.Created, watch.Elapsed.TotalSeconds));
        }

        return new ScanRun(total.Elapsed.TotalSeconds, rules.Sum(r => r.Scanned), rules.Sum(r => r.Created), rules);
    }

    private static ClientRow Client(int i, Random random, DateOnly today)
    {
        var id = $"C{i:D7}";
        var tier = random.Next(10) switch { < 5 => ClientTier.Mass, < 8 => ClientTier.Affluent, < 9 => ClientTier.HighNetWorth, _ => ClientTier.UltraHighNetWorth };
        var aum = tier switch { ClientTier.Mass => 100_000m, ClientTier.Affluent => 1_000_000m, ClientTier.HighNetWorth => 8_000_000m, _ => 60_000_000m };
        var maturity = random.Next(2) == 0 ? today.AddDays(random.Next(0, 366)) : (DateOnly?)null;
        var birthday = new DateOnly(1950 + random.Next(50), 1, 1).AddDays(random.Next(365));
        var riskExpires = today.AddDays(random.Next(-200, 366));
        DateTimeOffset? lastContact = random.Next(10) == 0 ? null : Now.AddDays(-random.NextDouble() * (random.Next(10) == 0 ? 120 : 29));
        return new ClientRow(
            id, $"CLIENT {i}", $"B{i % 50:D2}", $"E{i % 2000:D4}", tier, tier >= ClientTier.HighNetWorth, aum, birthday, riskExpires,
            lastContact, maturity, LifecycleStage.Active, 0, Now, Now.AddDays(-100 - random.Next(3000)),
            Holdings: [new HoldingRow("WM-1", "Steady Income", maturity, aum)]);
    }

    private sealed record RuleRun(string Job, int Scanned, int Created, double Seconds);

    private sealed record ScanRun(double Seconds, int Scanned, int Created, IReadOnlyList<RuleRun> Rules);

    /// <summary>Every inbox keeps each key once, as the employee grain does; team leads are the advisors' fixed managers.</summary>
    private sealed class CountingCareContext : ICareContext
    {
        private readonly ConcurrentDictionary<(string, string), byte> _delivered = new();

        private readonly ConcurrentDictionary<string, byte> _tasks = new(StringComparer.Ordinal);

        public Task<CareRules> Rules() => Task.FromResult(CareRules.Defaults);

        // A task exists once per id, as its grain does; the scan's cost is the read model's, not the tasks' grains'.
        public Task<string?> CreateTask(string taskId, CreateTask command)
        {
            _tasks.TryAdd(taskId, 0);
            return Task.FromResult<string?>(taskId);
        }

        public Task<bool> Deliver(string employeeId, InboxMessage message) => Task.FromResult(_delivered.TryAdd((employeeId, message.Key), 0));

        public Task<string?> TeamLeadOf(string branchId, string advisorId) => Task.FromResult<string?>($"{branchId}-LEAD");
    }
}
