using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// Many client grains with realistic state (profile, holdings, household, recent interactions) stored, then activated
/// inside the bench host, which is the product's silo plus a diagnostics endpoint: bytes per activation is the growth
/// of the live managed heap (after full compacting collections) divided by the count. Then stored clients not yet
/// active are called one at a time: the latency of a cold activation from storage, with the others still resident.
/// </summary>
public static class GrainMemory
{
    private const string Name = "grain-memory";

    public static async Task<int> Run(BenchArgs args)
    {
        var grains = args.Int("grains", 1_000_000, 100_000);
        var cold = args.Int("cold", 2_000, 1_000);
        var concurrency = args.Int("concurrency", 64, 64);

        using var temp = new TempDirectory();
        await using var host = await ChildSilo.StartInside(temp.File("wealthactors.db"));
        using var http = host.Http(TimeSpan.FromMinutes(30));
        var seeded = await Startup.SeedClients(http, "G", grains + cold);
        Out.Detail($"stored {grains + cold} clients in {seeded:0.0}s");

        using var activation = await http.PostAsync($"/bench/activate?prefix=G&start=0&count={grains}&concurrency={concurrency}", null);
        var result = await activation.Read(200);
        var missing = result["missing"]!.GetValue<int>();
        var bytesPerGrain = result["bytesPerGrain"]!.GetValue<double>();
        var before = result["before"]!;
        var after = result["after"]!;
        Out.Detail($"activated {grains} in {result["seconds"]!.GetValue<double>():0.0}s ({result["perSecond"]!.GetValue<double>():0}/s, concurrency {concurrency}), {missing} not found");
        Out.Detail($"managed heap {Mib(before["heapBytes"])} -> {Mib(after["heapBytes"])} MiB; committed {Mib(after["committedBytes"])} MiB; " +
                   $"process working set {Mib(before["workingSetBytes"])} -> {Mib(after["workingSetBytes"])} MiB");

        // The same count of clients that were never stored: what an activation costs with an empty state, which
        // separates Orleans' own per-activation cost from the client state's.
        using var emptyActivation = await http.PostAsync($"/bench/activate?prefix=N&start=0&count={grains}&concurrency={concurrency}", null);
        var empty = await emptyActivation.Read(200);
        var emptyBytes = empty["bytesPerGrain"]!.GetValue<double>();
        Out.Detail($"of which: {emptyBytes:0} B per activation of a client with no stored state (the grain, its empty state and Orleans' " +
                   $"own bookkeeping), {bytesPerGrain - emptyBytes:0} B the realistic state");

        using var coldResponse = await http.PostAsync($"/bench/cold?prefix=G&start={grains}&count={cold}", null);
        var coldResult = await coldResponse.Read(200);
        var millis = coldResult["millis"]!.AsArray().Select(m => m!.GetValue<double>()).ToArray();
        var sorted = Stats.Sorted(millis);
        Out.Detail($"cold activation from storage, one call at a time: {Stats.Describe(millis)}; {coldResult["missing"]!.GetValue<int>()} not found");

        if (missing > 0)
        {
            Out.Detail("some stored clients were not found on activation: the figures are not valid");
        }

        Out.Summary(Name, ("grains", grains), ("bytes_per_grain", Stats.F0(bytesPerGrain)), ("cold_p99_ms", Stats.F1(Stats.Percentile(sorted, 99))));
        return 0;
    }

    private static string Mib(System.Text.Json.Nodes.JsonNode? bytes) => ((bytes?.GetValue<long>() ?? 0) / (1024.0 * 1024)).ToString("0");
}
