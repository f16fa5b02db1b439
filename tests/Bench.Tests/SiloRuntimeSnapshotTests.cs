using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Tests;

/// <summary>Reading the runtime's counters out of the Prometheus text the silo serves.</summary>
public sealed class SiloRuntimeSnapshotTests
{
    private const string Exposition = """
        # TYPE dotnet_gc_collections_total counter
        # HELP dotnet_gc_collections_total The number of garbage collections that have occurred since the process has started.
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 310 1764158000000
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen1"} 42 1764158000000
        # TYPE dotnet_gc_pause_time_seconds_total counter
        dotnet_gc_pause_time_seconds_total{otel_scope_name="System.Runtime"} 9.25 1764158000000
        dotnet_gc_pause_time_seconds_total_extra 1
        # TYPE wealthactors_gc_pause_duration_seconds histogram
        wealthactors_gc_pause_duration_seconds_bucket{otel_scope_name="WealthActors.Runtime",gc_generation="gen0",le="0.1"} 30 1764158000000
        wealthactors_gc_pause_duration_seconds_bucket{otel_scope_name="WealthActors.Runtime",gc_generation="gen0",le="0.25"} 31 1764158000000
        wealthactors_gc_pause_duration_seconds_bucket{otel_scope_name="WealthActors.Runtime",gc_generation="gen0",le="+Inf"} 31 1764158000000
        wealthactors_gc_pause_duration_seconds_sum{otel_scope_name="WealthActors.Runtime",gc_generation="gen0"} 0.6 1764158000000
        wealthactors_gc_pause_duration_seconds_count{otel_scope_name="WealthActors.Runtime",gc_generation="gen0"} 31 1764158000000
        wealthactors_gc_pause_duration_seconds_bucket{otel_scope_name="WealthActors.Runtime",gc_generation="gen1",le="0.1"} 5 1764158000000
        wealthactors_gc_pause_duration_seconds_bucket{otel_scope_name="WealthActors.Runtime",gc_generation="gen1",le="0.25"} 8 1764158000000
        wealthactors_gc_pause_duration_seconds_bucket{otel_scope_name="WealthActors.Runtime",gc_generation="gen1",le="+Inf"} 10 1764158000000
        wealthactors_gc_pause_duration_seconds_sum{otel_scope_name="WealthActors.Runtime",gc_generation="gen1"} 1.9 1764158000000
        wealthactors_gc_pause_duration_seconds_count{otel_scope_name="WealthActors.Runtime",gc_generation="gen1"} 10 1764158000000
        """;

    [Fact]
    public void Sample_ByMetricAndLabel_ReadsThatSeriesValue()
    {
        Assert.Equal(310, SiloRuntimeSnapshot.Sample(Exposition, "dotnet_gc_collections_total", "gc_heap_generation=\"gen0\""));
        Assert.Equal(42, SiloRuntimeSnapshot.Sample(Exposition, "dotnet_gc_collections_total", "gc_heap_generation=\"gen1\""));
        Assert.Equal(9.25, SiloRuntimeSnapshot.Sample(Exposition, "dotnet_gc_pause_time_seconds_total", null));
    }

    [Fact]
    public void Sample_GenerationNeverCollected_IsZero()
    {
        Assert.Equal(0, SiloRuntimeSnapshot.Sample(Exposition, "dotnet_gc_collections_total", "gc_heap_generation=\"gen2\""));
    }

    [Fact]
    public void HistogramTail_SumsTheHistogramOverItsSeries()
    {
        Assert.Equal(new HistogramTail(All: 41, Over100Ms: 6, Over250Ms: 2), HistogramTail.Read(Exposition, "wealthactors_gc_pause_duration_seconds"));
    }

    [Fact]
    public void HistogramTail_NotExported_IsAllZero()
    {
        Assert.Equal(new HistogramTail(0, 0, 0), HistogramTail.Read(Exposition, "orleans_reminders_tardiness_seconds"));
    }

    [Fact]
    public void DescribeSince_TwoSnapshots_GivesTheWindowsCollectionsPauseShareAndCpu()
    {
        var start = new SiloRuntimeSnapshot(DateTimeOffset.UnixEpoch, 1.0, 100, 10, 1, TimeSpan.FromSeconds(50), new HistogramTail(120, 3, 1), new HistogramTail(1000, 20, 5));
        var end = new SiloRuntimeSnapshot(
            DateTimeOffset.UnixEpoch.AddSeconds(100), 3.0, 180, 18, 2, TimeSpan.FromSeconds(150), new HistogramTail(215, 7, 2), new HistogramTail(9000, 120, 15));

        var text = end.DescribeSince(start, cores: 2);

        Assert.Equal("80 gen0, 8 gen1 and 1 gen2 collections in 100s; paused 2.0s (2.0% of the time), 22 ms per collection on average; " +
                     "pauses: 95 (4 over 100 ms, 1 over 250 ms); " +
                     "reminder ticks: 8000 (100 over 100 ms, 10 over 250 ms) late when the reminder service fired them; " +
                     "silo CPU 100s (50.0% of 2 cores)", text);
    }
}
