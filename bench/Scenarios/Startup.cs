using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// Process start of the real Silo until <c>/health</c> answers 200, on the embedded default: once on no database file
/// at all, and once on a file that already stores many clients (grain state and read-model rows, stored beforehand
/// by the bench host). Each start is repeated; the summary gives the medians.
/// </summary>
public static class Startup
{
    private const string Name = "startup";

    public static async Task<int> Run(BenchArgs args)
    {
        var repeat = args.Int("repeat", 3, 2);
        var clients = args.Int("clients", 100_000, 100_000);

        var empty = new List<double>();
        for (var r = 0; r < repeat; r++)
        {
            using var temp = new TempDirectory();
            await using var silo = await ChildSilo.StartSilo(temp.File("wealthactors.db"));
            empty.Add(silo.TimeToHealthy.TotalMilliseconds);
        }

        Out.Detail($"empty (no database file yet): {string.Join(", ", empty.Select(Stats.F0))} ms");

        using var loadedDirectory = new TempDirectory();
        var database = loadedDirectory.File("wealthactors.db");
        await using (var host = await ChildSilo.StartInside(database))
        {
            using var http = host.Http(TimeSpan.FromMinutes(10));
            var seeded = await SeedClients(http, "C", clients);
            Out.Detail($"stored {clients} clients (grain state and read-model rows) in {seeded:0.0}s; database {new FileInfo(database).Length / (1024 * 1024)} MiB");
        }

        var loaded = new List<double>();
        for (var r = 0; r < repeat; r++)
        {
            await using var silo = await ChildSilo.StartSilo(database);
            loaded.Add(silo.TimeToHealthy.TotalMilliseconds);
            if (r == 0)
            {
                // The stored clients are really there for the started product.
                using var http = silo.Http();
                await http.GetOk($"/api/clients/{Org.Client("C", clients - 1)}");
            }
        }

        Out.Detail($"loaded ({clients} clients stored): {string.Join(", ", loaded.Select(Stats.F0))} ms");
        Out.Summary(Name, ("empty_ms", Stats.F0(Stats.Median(empty))), ("loaded_ms", Stats.F0(Stats.Median(loaded))));
        return 0;
    }

    /// <summary>Seeds through the bench host in chunks, so no single request runs for long.</summary>
    public static async Task<double> SeedClients(HttpClient http, string prefix, int count, int start = 0)
    {
        var seconds = 0.0;
        const int chunk = 100_000;
        for (var from = start; from < start + count; from += chunk)
        {
            var size = Math.Min(chunk, start + count - from);
            using var response = await http.PostAsync($"/bench/seed-clients?prefix={prefix}&start={from}&count={size}", null);
            var result = await response.Read(200);
            seconds += result["seconds"]!.GetValue<double>();
        }

        return seconds;
    }
}
