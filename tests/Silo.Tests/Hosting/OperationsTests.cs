using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Hosting;

/// <summary>The operator endpoints: the Orleans Dashboard behind the Admin role, business metrics for Prometheus.</summary>
[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiFactory api)
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("System", HttpStatusCode.Forbidden)]
    [InlineData("Manager", HttpStatusCode.Forbidden)]
    [InlineData("Admin", HttpStatusCode.OK)]
    public async Task Dashboard_ByRole_OnlyAdminGetsIn(string? role, HttpStatusCode expected)
    {
        var response = await api.As(role).GetAsync("/dashboard/");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Admin_ServesClusterData()
    {
        // The dashboard gathers its counters on its own schedule (every 10 s by default): right after the silo starts
        // they can still be empty.
        var counters = await Eventually.Until(
            async () => await (await api.As("Admin").GetAsync("/dashboard/DashboardCounters")).Json(HttpStatusCode.OK),
            c => c["totalActiveHostCount"]!.GetValue<int>() >= 1, "the dashboard's first counters", timeoutMs: 30_000);

        Assert.True(counters["totalActiveHostCount"]!.GetValue<int>() >= 1, counters.ToJsonString());
    }

    [Fact]
    public void Dashboard_WithoutSettings_SamplesTheCountersEveryTenSeconds()
    {
        var options = api.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;

        Assert.Equal(10_000, options.CounterUpdateIntervalMs);
    }

    [Fact]
    public async Task Dashboard_WithASampleInterval_AppliesIt()
    {
        await using var configured = ApiFactory.With(new Dictionary<string, string?> { ["Operations:DashboardSampleSeconds"] = "2" });

        Assert.Equal(2_000, configured.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.CounterUpdateIntervalMs);
    }

    [Fact]
    public async Task Dashboard_WithoutSettings_ReadsOrleansGaugesAtMostEveryTenSeconds()
    {
        // The package's own reader reads them every second; some of those gauges walk every activation. Two reads in a
        // row, however late they come, show the interval the reader keeps.
        var reads = new ConcurrentQueue<long>();
        var gauge = api.Services.GetRequiredService<OrleansInstruments>().Meter.CreateObservableGauge(
            $"test-dashboard-reads-{Guid.NewGuid():N}", () =>
            {
                reads.Enqueue(Stopwatch.GetTimestamp());
                return reads.Count;
            });

        await Eventually.Until(() => Task.FromResult(reads.Count), n => n >= 2, "two reads of the gauge", timeoutMs: 30_000);

        var times = reads.ToArray();
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= TimeSpan.FromSeconds(9), $"read again after {Stopwatch.GetElapsedTime(times[0], times[1])}");
        GC.KeepAlive(gauge);
    }

    [Fact]
    public async Task Dashboard_WithAOneSecondInterval_ReadsOrleansGaugesEverySecond()
    {
        await using var configured = ApiFactory.With(new Dictionary<string, string?> { ["Operations:DashboardSampleSeconds"] = "1" });
        var reads = CountDashboardReads(configured, out var gauge);

        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref reads.Value)), n => n >= 3, "three reads of the gauge", timeoutMs: 10_000);
        GC.KeepAlive(gauge);
    }

    /// <summary>A gauge on Orleans' meter that counts how often it is read: only the dashboard reads that meter's gauges unasked.</summary>
    private static StrongBox<int> CountDashboardReads(ApiFactory factory, out ObservableGauge<int> gauge)
    {
        var reads = new StrongBox<int>();
        var meter = factory.Services.GetRequiredService<OrleansInstruments>().Meter;
        gauge = meter.CreateObservableGauge($"test-dashboard-reads-{Guid.NewGuid():N}", () => Interlocked.Increment(ref reads.Value));
        return reads;
    }

    [Fact]
    public async Task Dashboard_SampleIntervalBelowOneSecond_FailsAtStartNamingTheSetting()
    {
        await using var misconfigured = ApiFactory.With(new Dictionary<string, string?> { ["Operations:DashboardSampleSeconds"] = "0" });

        var failure = Record.Exception(() => misconfigured.As(null));

        Assert.NotNull(failure);
        Assert.Contains("Operations:DashboardSampleSeconds", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterComplaintOpened_ExportsBusinessCountersInPrometheusFormat()
    {
        var seed = await Seed.Create(api);
        await (await api.As("System").PostJson("/api/complaints", new
        {
            clientId = seed.Client, category = "Fees", severity = "Low", channel = "phone", description = "Fee charged twice", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created);

        // No key: scrapers rarely send custom headers, and the counters carry no personal data. The exporter serves a
        // scrape cached for a moment, and other tests here scrape too: read until the scrape postdates the open.
        var (response, text) = await Eventually.Until(async () =>
        {
            var scrape = await api.As(null).GetAsync("/metrics");
            return (scrape, await scrape.Content.ReadAsStringAsync());
        }, r => r.Item2.Contains("severity=\"Low\"", StringComparison.Ordinal), "a scrape taken after the open");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE wealthactors_complaints_opened_total counter", text, StringComparison.Ordinal);
        Assert.Contains("severity=\"Low\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_IncludeTheRuntimesGarbageCollectionCounters()
    {
        // Forces at least one collection, so the counter has a value whatever ran before.
        GC.Collect();

        var text = await (await api.As(null).GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Contains("# TYPE dotnet_gc_pause_time_seconds_total counter", text, StringComparison.Ordinal);
        Assert.Matches("dotnet_gc_collections_total\\{[^}]*gc_heap_generation=\"gen2\"[^}]*\\} [1-9]", text);
    }

    [Fact]
    public async Task Metrics_RecordEachGarbageCollectionPauseByGeneration()
    {
        // A blocking full collection suspends the process once; the runtime reports it to the listener shortly after.
        // Collected on every try: the first may come before the silo (and its listener) has started.
        var text = await Eventually.Until(
            async () =>
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                return await (await api.As(null).GetAsync("/metrics")).Content.ReadAsStringAsync();
            },
            t => Regex.IsMatch(t, "wealthactors_gc_pause_duration_seconds_count\\{[^}]*gc_generation=\"gen2\"[^}]*\\} [1-9]"),
            "a gen2 pause in the histogram");

        Assert.Contains("# TYPE wealthactors_gc_pause_duration_seconds histogram", text, StringComparison.Ordinal);
        // The pause has a length: the time from suspension to restart, not a count.
        Assert.Matches("wealthactors_gc_pause_duration_seconds_sum\\{[^}]*gc_generation=\"gen2\"[^}]*\\} (0\\.\\d*[1-9]|[1-9])", text);
    }

    [Fact]
    public void Tracing_WithoutAnOtlpEndpoint_IsOffAndGrainCallsRunNoFilterForIt()
    {
        Assert.Null(api.Services.GetService<TracerProvider>());
        // Orleans' own filters that carry a trace from call to call.
        Assert.DoesNotContain(api.Services.GetServices<IIncomingGrainCallFilter>(), f => f.GetType().Name.StartsWith("ActivityPropagation", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Services.GetServices<IOutgoingGrainCallFilter>(), f => f.GetType().Name.StartsWith("ActivityPropagation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApiDocument_OperatorEndpoints_AreNotPartOfTheApi()
    {
        var document = await (await api.As(null).GetAsync("/openapi/v1.json")).Json(HttpStatusCode.OK);

        Assert.DoesNotContain(document["paths"]!.AsObject(), p => p.Key.StartsWith("/dashboard", StringComparison.Ordinal) || p.Key == "/metrics");
    }
}
