using System.Diagnostics;

namespace WealthActors.Bench.Inside;

/// <summary>The bench host's seeding endpoints: rows written straight into the read model through the product's own writer.</summary>
internal static class ReadModelSeeding
{
    // Enough writes at once to fill the writer's batches; few enough that a million rows never sit in memory together
    // (the rows are made as they are written).
    private const int Wave = 2_000;

    /// <summary>Writes every row, a wave at a time; answers with how many and the seconds it took.</summary>
    public static async Task<IResult> InWaves<TRow>(IEnumerable<TRow> rows, Func<TRow, Task> write)
    {
        var started = Stopwatch.StartNew();
        var count = 0;
        foreach (var wave in rows.Chunk(Wave))
        {
            await Task.WhenAll(wave.Select(write));
            count += wave.Length;
        }

        return TypedResults.Ok(new { count, seconds = started.Elapsed.TotalSeconds });
    }
}
