using System.Diagnostics;
using WealthActors.Clients;

namespace WealthActors.Bench.Inside;

/// <summary>
/// Endpoints that exist only in the bench host. They need no key: the host listens on loopback for one bench run.
/// Measuring here, inside the silo process, keeps the driver's own allocations out of the heap figures.
/// </summary>
public static class BenchDiagnostics
{
    public static WebApplication MapBenchDiagnostics(this WebApplication app)
    {
        var group = app.MapGroup("/bench");
        group.MapPost("/seed-clients", SeedClients);
        group.MapPost("/activate", Activate);
        group.MapPost("/cold", Cold);
        group.MapGet("/heap", () => TypedResults.Ok(Heap.Measure()));
        group.MapPost("/seed-complaints", BoardBench.Seed);
        group.MapGet("/board", BoardBench.Time);
        group.MapGet("/client-pages", BoardBench.TimeClientPages);
        group.MapPost("/seed-care-clients", CareScanBench.Seed);
        group.MapPost("/care-scan", CareScanBench.Scan);
        return app;
    }

    private static async Task<IResult> SeedClients(ClientSeeder seeder, string prefix, int start, int count) =>
        TypedResults.Ok(await seeder.Seed(prefix, start, count));

    /// <summary>Activates <paramref name="count"/> stored clients and reports the managed heap growth per activation.</summary>
    private static async Task<IResult> Activate(IGrainFactory grains, string prefix, int start, int count, int concurrency)
    {
        var before = Heap.Measure();
        var missing = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(start, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            if (!await grains.GetGrain<IClientGrain>(ClientSeeder.Id(prefix, i)).Exists())
            {
                Interlocked.Increment(ref missing);
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var after = Heap.Measure();
        return TypedResults.Ok(new ActivationResult(
            count, missing, seconds, count / seconds, before, after,
            (double)(after.HeapBytes - before.HeapBytes) / count));
    }

    /// <summary>One call at a time to stored, not yet active clients: the latency of a cold activation from storage.</summary>
    private static async Task<IResult> Cold(IGrainFactory grains, string prefix, int start, int count)
    {
        var millis = new double[count];
        var missing = 0;
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (!await grains.GetGrain<IClientGrain>(ClientSeeder.Id(prefix, start + i)).Exists())
            {
                missing++;
            }

            millis[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return TypedResults.Ok(new ColdResult(count, missing, millis));
    }

    public sealed record ActivationResult(
        int Count, int Missing, double Seconds, double PerSecond, HeapSnapshot Before, HeapSnapshot After, double BytesPerGrain);

    public sealed record ColdResult(int Count, int Missing, double[] Millis);
}

public sealed record HeapSnapshot(long HeapBytes, long CommittedBytes, long WorkingSetBytes, long Gen2Collections);

internal static class Heap
{
    /// <summary>The live managed heap after full, compacting, blocking collections (finalizers run in between).</summary>
    public static HeapSnapshot Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = Process.GetCurrentProcess();
        return new HeapSnapshot(GC.GetTotalMemory(forceFullCollection: false), info.TotalCommittedBytes, process.WorkingSet64, GC.CollectionCount(2));
    }
}
