namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// A ratio scenario run several times in one report. A ratio of two rates measured minutes apart on a shared machine
/// moves from run to run, so one run proves little: the run whose ratio is the median stands for them all (its line, its
/// verdict), and each ratio's min, median and max show how far the runs spread.
/// </summary>
public static class RepeatedRuns
{
    /// <summary>The summary keys that carry a ratio; runs are ranked by the first.</summary>
    public static readonly IReadOnlyList<string> RatioKeys = ["ratio", "of_limit"];

    /// <param name="Median">Index of the median run among the summaries; null when no run printed a ratio.</param>
    /// <param name="Spread">"3 runs: ratio min … / median … / max …; of_limit …".</param>
    public sealed record Result(int? Median, string Spread);

    /// <summary>
    /// The median is the nearest-rank one, as everywhere in the benchmarks: an observed value, and of an even count the
    /// lower middle one, so the doubt goes against a target that is a floor.
    /// </summary>
    public static Result Of(IReadOnlyList<string?> summaries)
    {
        var lines = summaries.Select(SummaryLine.Parse).ToArray();
        var measured = lines.Select((line, index) => (line, index))
            .Where(r => r.line is not null && !double.IsNaN(r.line.Number(RatioKeys[0])))
            .Select(r => (Line: r.line!, Index: r.index))
            .ToArray();
        var parts = RatioKeys
            .Select(key => (Key: key, Sorted: Stats.Sorted(measured.Select(r => r.Line.Number(key)).Where(v => !double.IsNaN(v)))))
            .Where(k => k.Sorted.Length > 0)
            .Select(k => $"{k.Key} min {Stats.F2(k.Sorted[0])} / median {Stats.F2(Stats.Percentile(k.Sorted, 50))} / max {Stats.F2(k.Sorted[^1])}")
            .ToList();
        var unmeasured = summaries.Count - measured.Length;
        if (unmeasured > 0)
        {
            parts.Add($"{unmeasured} of {summaries.Count} without a ratio (failed or not available)");
        }

        int? median = measured.Length == 0 ? null : measured.OrderBy(r => r.Line.Number(RatioKeys[0])).ElementAt(MedianRank(measured.Length)).Index;
        return new Result(median, $"{summaries.Count} runs: {string.Join("; ", parts)}");
    }

    /// <summary>Where <see cref="Stats.Percentile"/> finds the 50th percentile among <paramref name="count"/> sorted values.</summary>
    private static int MedianRank(int count) => (count - 1) / 2;
}
