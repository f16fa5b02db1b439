using System.Globalization;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// The silo's garbage-collection counters, read from its Prometheus endpoint (the runtime's <c>System.Runtime</c> meter
/// and the silo's histogram of single pauses), with its CPU time from the OS. Two snapshots bracket a window; their
/// difference says how much of it the silo spent paused for collections, and how many single pauses were long enough
/// to make a reminder tick that fell due meanwhile late by themselves.
/// </summary>
public sealed record SiloRuntimeSnapshot(
    DateTimeOffset At, double GcPauseSeconds, long Gen0, long Gen1, long Gen2, TimeSpan Cpu, HistogramTail Pauses, HistogramTail ReminderTardiness)
{
    private const string PauseHistogram = "wealthactors_gc_pause_duration_seconds";
    private const string TardinessHistogram = "orleans_reminders_tardiness_seconds";

    public static async Task<SiloRuntimeSnapshot> Take(ChildSilo silo, HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        return new SiloRuntimeSnapshot(
            DateTimeOffset.UtcNow,
            Sample(text, "dotnet_gc_pause_time_seconds_total", null),
            (long)Sample(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen0\""),
            (long)Sample(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen1\""),
            (long)Sample(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen2\""),
            silo.CpuTime(),
            HistogramTail.Read(text, PauseHistogram),
            HistogramTail.Read(text, TardinessHistogram));
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
               $"pauses: {Pauses.Since(start.Pauses)}; " +
               $"reminder ticks: {ReminderTardiness.Since(start.ReminderTardiness)} late when the reminder service fired them; " +
               $"silo CPU {cpu:0}s ({Percent(cpu, window * cores)} of {cores} cores)";
    }

    private static string Percent(double part, double whole) =>
        whole <= 0 ? "nan" : (part / whole).ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>
    /// The value of the first sample of <paramref name="metric"/> whose labels contain <paramref name="label"/>; 0 when
    /// absent (a generation never collected has no sample yet).
    /// </summary>
    public static double Sample(string exposition, string metric, string? label) =>
        Samples(exposition, metric, label).FirstOrDefault();

    /// <summary>The sum over every series of <paramref name="metric"/> whose labels contain <paramref name="label"/>.</summary>
    public static double Sum(string exposition, string metric, string? label) =>
        Samples(exposition, metric, label).Sum();

    private static IEnumerable<double> Samples(string exposition, string metric, string? label)
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
            yield return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>A histogram's values counted so far, summed over its series: all, and those over 100 ms and over 250 ms.</summary>
public sealed record HistogramTail(long All, long Over100Ms, long Over250Ms)
{
    /// <summary>Reads <paramref name="histogram"/> (its name without the <c>_bucket</c> suffix), which must have 0.1 and 0.25 s bounds.</summary>
    public static HistogramTail Read(string exposition, string histogram)
    {
        var count = (long)SiloRuntimeSnapshot.Sum(exposition, histogram + "_count", null);
        return new HistogramTail(
            count,
            count - (long)SiloRuntimeSnapshot.Sum(exposition, histogram + "_bucket", "le=\"0.1\""),
            count - (long)SiloRuntimeSnapshot.Sum(exposition, histogram + "_bucket", "le=\"0.25\""));
    }

    /// <summary>"N (X over 100 ms, Y over 250 ms)" for the values recorded after <paramref name="start"/>.</summary>
    public string Since(HistogramTail start) =>
        $"{All - start.All} ({Over100Ms - start.Over100Ms} over 100 ms, {Over250Ms - start.Over250Ms} over 250 ms)";
}
