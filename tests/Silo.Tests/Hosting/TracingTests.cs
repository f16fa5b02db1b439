using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using WealthActors.Grains.Employees;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Hosting;

/// <summary>
/// A Silo with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set sends its traces, metrics and logs over OTLP/HTTP to a receiver
/// in the test, and one trace follows a command from the HTTP request through the grain calls to the database write.
/// </summary>
public sealed class TracingTests(TracingTests.TracedSilo silo, ITestOutputHelper output) : IClassFixture<TracingTests.TracedSilo>
{
    [Fact]
    public async Task HttpCommand_IsOneTraceFromTheRequestThroughTheGrainCallsToTheDatabaseWrite()
    {
        var seed = await Seed.Create(silo.Api);

        var opened = await (await silo.Api.As("System").PostJson("/api/complaints", new
        {
            clientId = seed.Client, category = "Fees", severity = "Low", channel = "phone", description = "Fee charged twice", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created);
        var complaintId = opened["complaintId"]!.GetValue<string>();

        // The complaint's state written to SQLite, on the service's own span, and every span above it up to the root.
        var path = await silo.PathToRoot(
            s => s.Scope == "WealthActors" && s.Name == TracedGrainStorage.WriteSpanName && s.Attributes.GetValueOrDefault("wealthactors.grain.type") == "complaint"
                 && silo.Receiver.Spans.Any(o => o.TraceId == s.TraceId && IsOpenOf(o, complaintId)),
            "the complaint's state write, in the trace of the grain call that opened it, up to its root");
        output.WriteLine(string.Join('\n', path.Select(s => $"{s.Scope} | {s.Name} | {s.SpanId} <- {s.ParentSpanId}")));

        var write = path[0];
        Assert.Equal(TracedGrainStorage.Sqlite, write.Attributes["db.system.name"]);
        Assert.Equal(OperationsHostingExtensions.DefaultServiceName, write.Service);
        // Each span's parent is in the trace: Orleans' storage call, the grain call, the request on the server.
        Assert.Contains(path, s => s.Scope == "Microsoft.Orleans.Storage" && s.Name == "write storage");
        Assert.Contains(path, s => s.Scope == "Microsoft.Orleans.Application" && IsOpenOf(s, complaintId));
        var request = Assert.Single(path, s => s.Scope == "Microsoft.AspNetCore");
        Assert.Equal("POST", request.Attributes["http.request.method"]);
        Assert.Equal("/api/complaints", request.Attributes["url.path"]);
    }

    [Fact]
    public async Task ReminderDrivenEscalation_StartsItsOwnTraceAtTheTickThatReachesThePush()
    {
        var seed = await Seed.Create(silo.Api);
        var admin = silo.Api.As("Admin");
        var policyId = $"{seed.Prefix}-fast";
        await (await admin.PutJson($"/api/sla-policies/{policyId}", new
        {
            name = "Seconds-long test policy", match = new { categories = new[] { "never-matches" } }, priority = 0, clock = "Calendar",
            firstResponse = "PT1H", resolution = "P1D", warnAt = 0.9,
            escalations = new[] { new { after = "PT3S", toRole = "BranchHead", action = "Notify" } },
        })).Json(HttpStatusCode.OK);
        var opened = await (await silo.Api.As("System").PostJson("/api/complaints", new
        {
            clientId = seed.Client, category = "Service", severity = "High", channel = "phone", description = "Slow transfer",
            openedBy = seed.Advisor, policyId,
        })).Json(HttpStatusCode.Created);
        var complaintId = opened["complaintId"]!.GetValue<string>();
        var command = await silo.Eventually(
            spans => spans.FirstOrDefault(s => IsOpenOf(s, complaintId)), "the command's grain call");

        // The escalation reaches the branch head's inbox and is handed to the chat channels, under the reminder's tick.
        var path = await silo.PathToRoot(
            s => s.Scope == "WealthActors" && s.Name == EmployeeGrain.PushSpanName && s.Attributes.GetValueOrDefault("wealthactors.inbox.kind") == "Escalation"
                 && silo.Receiver.Spans.Any(t => t.TraceId == s.TraceId && IsTickOf(t, complaintId)),
            "the escalation's push, in the trace of the complaint's reminder tick, up to its root",
            // The deadline is 3 s after the open and the reminder ticks on a 1 s period: room for a slow machine.
            timeoutMs: 30_000);
        output.WriteLine(string.Join('\n', path.Select(s => $"{s.Scope} | {s.Name} | {s.SpanId} <- {s.ParentSpanId}")));

        Assert.Contains(path, s => s.Name == "IEmployeeGrain/Deliver" && s.Attributes.GetValueOrDefault("orleans.rpc.target_id") == $"employee/{seed.BranchHead}");
        // Its own trace, begun by the tick: not a late branch of the command that armed the reminder.
        Assert.True(IsTickOf(path[^1], complaintId), $"The trace begins at {path[^1].Name}.");
        Assert.NotEqual(command.TraceId, path[0].TraceId);
    }

    private static bool IsOpenOf(ReceivedSpan span, string complaintId) =>
        span.Name == "IComplaintGrain/Open" && span.Attributes.GetValueOrDefault("orleans.rpc.target_id") == $"complaint/{complaintId}";

    private static bool IsTickOf(ReceivedSpan span, string complaintId) =>
        span.Name == "IRemindable/ReceiveReminder" && span.Attributes.GetValueOrDefault("orleans.rpc.target_id") == $"complaint/{complaintId}";

    [Fact]
    public void GrainCalls_WithAnOtlpEndpoint_RunOrleansFiltersThatCarryTheTrace()
    {
        Assert.NotNull(silo.Api.Services.GetService<TracerProvider>());
        Assert.Contains(silo.Api.Services.GetServices<IIncomingGrainCallFilter>(), f => f.GetType().Name == "ActivityPropagationIncomingGrainCallFilter");
        Assert.Contains(silo.Api.Services.GetServices<IOutgoingGrainCallFilter>(), f => f.GetType().Name == "ActivityPropagationOutgoingGrainCallFilter");
    }

    [Fact]
    public async Task Metrics_WithOtlpExport_StillServedAtMetricsAndExportedOverOtlp()
    {
        var scrape = await silo.Api.As(null).GetAsync(OperationsHostingExtensions.MetricsPath);

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await WealthActors.Testing.Eventually.Until(() => Task.FromResult(silo.Receiver.MetricExports), n => n > 0, "a metrics export over OTLP");
        await WealthActors.Testing.Eventually.Until(() => Task.FromResult(silo.Receiver.LogExports), n => n > 0, "a logs export over OTLP");
    }

    /// <summary>One receiver and one Silo exporting to it, for the tests of this class.</summary>
    public sealed class TracedSilo : IAsyncLifetime
    {
        public OtlpReceiver Receiver { get; private set; } = null!;

        public ApiFactory Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Receiver = await OtlpReceiver.Start();
            // Deadline reminders tick on this period; a deadline nearer than it is fired by a timer instead.
            Api = ApiFactory.With(new Dictionary<string, string?>(Receiver.SiloSettings) { ["Sla:ReminderRetryPeriod"] = "00:00:01" });
        }

        /// <summary>Waits until the spans received so far hold what <paramref name="find"/> looks for.</summary>
        public async Task<ReceivedSpan> Eventually(Func<IReadOnlyCollection<ReceivedSpan>, ReceivedSpan?> find, string what) =>
            (await WealthActors.Testing.Eventually.Until(() => Task.FromResult(find(Receiver.Spans)), s => s is not null, what))!;

        /// <summary>
        /// Waits for a span that <paramref name="matches"/> and for all its ancestors (spans arrive in batches as they
        /// end, a parent after its children); returns the span, its parent and so on up to the trace's root.
        /// </summary>
        public async Task<IReadOnlyList<ReceivedSpan>> PathToRoot(Func<ReceivedSpan, bool> matches, string what, int timeoutMs = 15_000) =>
            (await WealthActors.Testing.Eventually.Until(
                () => Task.FromResult(Receiver.Spans.Where(matches).Select(CompletePath).FirstOrDefault(p => p is not null)),
                p => p is not null, what, timeoutMs))!;

        private List<ReceivedSpan>? CompletePath(ReceivedSpan span)
        {
            var path = new List<ReceivedSpan> { span };
            while (path[^1].ParentSpanId.Length > 0)
            {
                var last = path[^1];
                if (Receiver.Spans.FirstOrDefault(s => s.TraceId == last.TraceId && s.SpanId == last.ParentSpanId) is not { } parent)
                {
                    return null;
                }

                path.Add(parent);
            }

            return path;
        }

        public async Task DisposeAsync()
        {
            await Api.DisposeAsync();
            await Receiver.DisposeAsync();
        }
    }
}
