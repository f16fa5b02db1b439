using System.Globalization;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// The silo's garbage-collection counters, read from its Prometheus endpoint (the runtime's <c>System.Runtime</c> meter),
/// with its CPU time from the OS. Two snapshots bracket a window; their difference says how much of it the silo spent
/// paused for collections, which is what delays every reminder tick that falls due meanwhile.
/// </summary>
public sealed record SiloRuntimeSnapshot(DateTimeOffset At, double GcPauseSeconds, long Gen0, long Gen1, long Gen2, TimeSpan Cpu)
{
    public static async Task<SiloRuntimeSnapshot> Take(ChildSilo silo, HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        return new SiloRuntimeSnapshot(
            DateTimeOffset.UtcNow,
            Sample(text, "dotnet_gc_pause_time_seconds_total", null),
            (long)Sample(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen0\""),
            (long)Sample(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen1\""),
            (long)Sample(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen2\""),
            silo.CpuTime());
    }

    /// <summary>One line: collections by generation, the share of the window spent paused, and the silo's CPU use.</summary>
    public string DescribeSince(SiloRuntimeSnapshot start, int cores)
    {
        var window = (At - start.At).TotalSeconds;
        var collections = Gen0 - start.Gen0 + (Gen1 - start.Gen1) + (Gen2 - start.Gen2);
        var paused = GcPauseSeconds - start.GcPauseSeconds;
        var cpu = (Cpu - start.Cpu).TotalSeconds;
        return $"{Gen0 - start.Gen0} gen0, {Gen1 - start.Gen1} gen1 and {Gen2 - start.Gen2} gen2 collections in {window:0}s; " +
               $"paused {paused:0.0}s ({Percent(paused, window)} of the time), " +
               $"{(collections == 0 ? "nan" : (paused * 1000 / collections).ToString("0", CultureInfo.InvariantCulture))} ms per collection on average; " +
               $"silo CPU {cpu:0}s ({Percent(cpu, window * cores)} of {cores} cores)";
    }

    private static string Percent(double part, double whole) =>
        whole <= 0 ? "nan" : (part / whole).ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>
    /// The value of the first sample of <paramref name="metric"/> whose labels contain <paramref name="label"/>; 0 when
    /// absent (a generation never collected has no sample yet).
    /// </summary>
    public static double Sample(string exposition, string metric, string? label)
    {
        foreach (var raw in exposition.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[metric.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
            {
                continue;
            }

            var labelsEnd = rest[0] == '{' ? rest.IndexOf('}') : -1;
            var labels = labelsEnd > 0 ? rest[1..labelsEnd] : "";
            if (label is not null && !labels.Contains(label, StringComparison.Ordinal))
            {
                continue;
            }

            var value = rest[(labelsEnd + 1)..].Trim().Split(' ')[0];
            return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return 0;
    }
}
