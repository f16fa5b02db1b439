using System.Diagnostics;
using System.Text.Json;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// How fast this machine's CPU is at the moment of a run: one thread parsing and re-serialising a fixed JSON document
/// (managed, branchy, allocating work like a grain op's, no special instructions), the best of several rounds, in
/// nanoseconds per document. A grain op is bound by the host's CPU and a raw upsert mostly by the database's commit
/// path, so their ratio moves with the host; printed beside each ratio, the gauge tells a slower host from a slower
/// build.
/// </summary>
public static class CpuGauge
{
    private const int DocumentsPerRound = 2_000;
    private const int Rounds = 7;

    private static readonly string Document = JsonSerializer.Serialize(Enumerable.Range(0, 12).Select(i => new
    {
        complaintId = $"C{i:000000}", clientId = $"T{i:0000000}", severity = "High", status = i % 3, escalationLevel = i % 4,
        description = "资金划转延迟三天 Transfer delayed three days", openedAt = new DateTimeOffset(2026, 12, 7, 8, i, 0, TimeSpan.Zero),
    }));

    // Long enough for tiered compilation to replace the first, unoptimised code of the JSON reader and writer.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <summary>Nanoseconds per document, the fastest round's: the least disturbed by whatever else runs.</summary>
    public static double Measure()
    {
        var output = new MemoryStream();
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < WarmUp)
        {
            Round(output);
        }

        var best = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            Round(output);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalNanoseconds / DocumentsPerRound);
        }

        return best;
    }

    private static void Round(MemoryStream output)
    {
        for (var i = 0; i < DocumentsPerRound; i++)
        {
            using var parsed = JsonDocument.Parse(Document);
            output.SetLength(0);
            using var writer = new Utf8JsonWriter(output);
            parsed.WriteTo(writer);
        }
    }
}
