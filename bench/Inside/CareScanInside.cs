using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Care;
using WealthActors.Employees;
using WealthActors.Silo.Care;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage;
using WealthActors.Tasks;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Bench.Inside;

/// <summary>
/// <c>care-scan --database FILE --clients N</c>: seeds N clients (and a holding each) straight into the read model of
/// a fresh SQLite file, birthdays sealed as the product seals them, then times the product's four care runners over it
/// (their real queries, birthdays opened, ledger writes and task texts; deliveries are counted instead of sent to
/// grains), and a second, idempotent run of the same day.
/// Prints <c>care-scan-result: key=value …</c>.
/// </summary>
internal static class CareScanInside
{
    /// <summary>The scan's day: 2026-06-01, 09:00 in Shanghai.</summary>
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 1, 0, 0, TimeSpan.Zero);

    public static async Task<int> Run(string[] args)
    {
        var database = Value(args, "--database") ?? throw new ArgumentException("--database is required");
        var clients = int.Parse(Value(args, "--clients") ?? "100000", CultureInfo.InvariantCulture);
        using var db = new SqliteDatabase(new SqliteStorageOptions { Path = database }, null, Environment.CurrentDirectory, NullLoggerFactory.Instance);
        await db.EnsureSchemaAsync();

        var sealer = new PayloadSealer(new KeyRing([new DataKey("bench", SealingAlgorithm.Aes256Gcm, RandomNumberGenerator.GetBytes(32))], "bench"));
        var seeding = Stopwatch.StartNew();
        Seed(db.ConnectionString, clients, sealer);
        Console.WriteLine($"  seeded {clients} clients and holdings in {seeding.Elapsed.TotalSeconds:F1} s");

        var readModel = SqlReadModel.OnSqlite(db, sealer);
        var context = new CountingCareContext();
        IReadOnlyList<CareRunner> runners =
        [
            new BirthdayCareRunner(readModel, context, NullLogger<BirthdayCareRunner>.Instance),
            new MaturityCareRunner(readModel, context, NullLogger<MaturityCareRunner>.Instance),
            new DormancyCareRunner(readModel, context, NullLogger<DormancyCareRunner>.Instance),
            new RiskExpiryCareRunner(readModel, context, NullLogger<RiskExpiryCareRunner>.Instance),
        ];

        var first = await RunAll(runners, "first run");
        var rerun = await RunAll(runners, "same day again");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"care-scan-result: clients={clients} seconds={first.Seconds:F2} candidates={first.Scanned} tasks={first.Created} rerun_seconds={rerun.Seconds:F2} rerun_tasks={rerun.Created}"));
        return rerun.Created == 0 ? 0 : 1;
    }

    private static async Task<(double Seconds, int Scanned, int Created)> RunAll(IReadOnlyList<CareRunner> runners, string label)
    {
        var total = Stopwatch.StartNew();
        int scanned = 0, created = 0;
        foreach (var runner in runners)
        {
            var watch = Stopwatch.StartNew();
            var result = await runner.RunAsync(Now, CancellationToken.None);
            Console.WriteLine($"  {label}: {result.Job} scanned {result.Scanned}, created {result.Created} in {watch.Elapsed.TotalSeconds:F2} s");
            scanned += result.Scanned;
            created += result.Created;
        }

        return (total.Elapsed.TotalSeconds, scanned, created);
    }

    /// <summary>
    /// Clients born across the year, a fifth of them HNW or above; nine in ten contacted within 30 days; risk
    /// assessments expiring over the next year; half holding a product that matures within a year.
    /// </summary>
    private static void Seed(string connectionString, int clients, PayloadSealer sealer)
    {
        var random = new Random(20260601);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;";
            pragmas.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var client = connection.CreateCommand();
        client.Transaction = transaction;
        client.CommandText = """
            INSERT INTO rm_clients (client_id, name, name_key, branch_id, advisor_id, tier, vip, aum, birthday_sealed, birthday_md,
                risk_expires_on, last_interaction_at, next_maturity, lifecycle, open_complaints, updated_at, client_since)
            VALUES ($id, $name, $name, $branch, $advisor, $tier, $vip, $aum, $birthday, $birthday_md, $risk, $last, $maturity, 2, 0, $updated, $since);
            """;
        var p = new[] { "$id", "$name", "$branch", "$advisor", "$tier", "$vip", "$aum", "$birthday_md", "$risk", "$last", "$maturity", "$updated", "$since" }
            .ToDictionary(n => n, n => client.Parameters.Add(n, SqliteType.Text));
        p["$birthday"] = client.Parameters.Add("$birthday", SqliteType.Blob);
        using var holding = connection.CreateCommand();
        holding.Transaction = transaction;
        holding.CommandText = "INSERT INTO rm_holdings (client_id, product_code, product_name, maturity_date, amount) VALUES ($id, 'WM-1', 'Steady Income', $maturity, $amount);";
        var hId = holding.Parameters.Add("$id", SqliteType.Text);
        var hMaturity = holding.Parameters.Add("$maturity", SqliteType.Text);
        var hAmount = holding.Parameters.Add("$amount", SqliteType.Text);
        client.Prepare();
        holding.Prepare();

        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        for (var i = 0; i < clients; i++)
        {
            var id = $"C{i:D7}";
            var tier = random.Next(10) switch { < 5 => 0, < 8 => 1, < 9 => 2, _ => 3 };
            var aum = tier switch { 0 => 100_000m, 1 => 1_000_000m, 2 => 8_000_000m, _ => 60_000_000m };
            var maturity = random.Next(2) == 0 ? today.AddDays(random.Next(0, 366)) : (DateOnly?)null;
            p["$id"].Value = id;
            p["$name"].Value = $"CLIENT {i}";
            p["$branch"].Value = $"B{i % 50:D2}";
            p["$advisor"].Value = $"E{i % 2000:D4}";
            p["$tier"].Value = tier;
            p["$vip"].Value = tier >= 2 ? 1 : 0;
            p["$aum"].Value = aum.ToString(CultureInfo.InvariantCulture);
            var birthday = new DateOnly(1950 + random.Next(50), 1, 1).AddDays(random.Next(365));
            p["$birthday"].Value = SealedBirthdays.Seal(sealer, id, birthday);
            p["$birthday_md"].Value = birthday.ToString("MM-dd", CultureInfo.InvariantCulture);
            p["$risk"].Value = Date(today.AddDays(random.Next(-200, 366)));
            p["$last"].Value = random.Next(10) == 0 ? DBNull.Value : Instant(Now.AddDays(-random.NextDouble() * (random.Next(10) == 0 ? 120 : 29)));
            p["$maturity"].Value = maturity is { } m ? Date(m) : DBNull.Value;
            p["$updated"].Value = Instant(Now);
            p["$since"].Value = Instant(Now.AddDays(-100 - random.Next(3000)));
            client.ExecuteNonQuery();
            hId.Value = id;
            hMaturity.Value = maturity is { } date ? Date(date) : DBNull.Value;
            hAmount.Value = aum.ToString(CultureInfo.InvariantCulture);
            holding.ExecuteNonQuery();
        }

        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Every inbox keeps each key once, as the employee grain does; team leads are the advisors' fixed managers.</summary>
    private sealed class CountingCareContext : ICareContext
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), byte> _delivered = new();

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _tasks = new(StringComparer.Ordinal);

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
