using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WealthActors.Silo.Tests.Infrastructure;

/// <summary>
/// A collector for the tests: an OTLP/HTTP endpoint on a loopback port that keeps the spans it is sent and counts the
/// metric and log exports, so a test checks the Silo's real export (the standard variables, the protocol) end to end.
/// </summary>
/// <remarks>
/// Only the fields the tests look at are read from the protobuf messages (opentelemetry-proto's trace.proto numbering);
/// the rest are skipped as the wire format allows.
/// </remarks>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private int _metricExports;
    private int _logExports;

    private OtlpReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the exporter appends <c>/v1/traces</c> and the rest).</summary>
    public Uri Endpoint { get; }

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public int MetricExports => Volatile.Read(ref _metricExports);

    public int LogExports => Volatile.Read(ref _logExports);

    /// <summary>The settings that send a Silo's telemetry here over OTLP/HTTP, exported every 100 ms.</summary>
    public IReadOnlyDictionary<string, string?> SiloSettings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "100",
    };

    public static async Task<OtlpReceiver> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        // The Silo under test traces ASP.NET Core in this same process: under names of its own, the receiver's requests
        // are not traced and sent to itself.
        builder.Services.AddSingleton(new ActivitySource(typeof(OtlpReceiver).FullName!));
        builder.Services.AddSingleton(new DiagnosticListener(typeof(OtlpReceiver).FullName!));
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            foreach (var span in ReadSpans(await Body(request)))
            {
                receiver!._spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            await Body(request);
            Interlocked.Increment(ref receiver!._metricExports);
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/logs", async (HttpRequest request) =>
        {
            await Body(request);
            Interlocked.Increment(ref receiver!._logExports);
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        receiver = new OtlpReceiver(app, new Uri(app.Urls.First()));
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<ByteString> Body(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return ByteString.CopyFrom(body.ToArray());
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1 }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2 }
    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2 }
    private static IEnumerable<ReceivedSpan> ReadSpans(ByteString request) =>
        from resourceSpans in Messages(request, 1)
        let service = Attributes(Messages(resourceSpans, 1).SingleOrDefault() ?? ByteString.Empty).GetValueOrDefault("service.name")
        from scopeSpans in Messages(resourceSpans, 2)
        let scope = Messages(scopeSpans, 1).Select(s => Messages(s, 1).Select(n => n.ToStringUtf8()).SingleOrDefault()).SingleOrDefault() ?? ""
        from span in Messages(scopeSpans, 2)
        select ReadSpan(span, scope, service);

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        repeated KeyValue attributes = 9 }
    private static ReceivedSpan ReadSpan(ByteString span, string scope, string? service)
    {
        string Hex(int field) => Messages(span, field).Select(b => Convert.ToHexStringLower(b.Span)).SingleOrDefault() ?? "";
        return new ReceivedSpan(
            Hex(1), Hex(2), Hex(4), Messages(span, 5).Single().ToStringUtf8(), scope, service,
            Attributes(span, 9));
    }

    // KeyValue { string key = 1; AnyValue value = 2 }, AnyValue { string string_value = 1; ... }: string values only.
    private static Dictionary<string, string> Attributes(ByteString message, int field = 1) =>
        Messages(message, field)
            .Select(kv => (Key: Messages(kv, 1).Single().ToStringUtf8(), Value: Messages(kv, 2).SelectMany(v => Messages(v, 1)).FirstOrDefault()))
            .Where(kv => kv.Value is not null)
            .GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.First().Value!.ToStringUtf8());

    /// <summary>The length-delimited values (messages, strings, bytes) of <paramref name="field"/>, in order.</summary>
    private static List<ByteString> Messages(ByteString message, int field)
    {
        var values = new List<ByteString>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                values.Add(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return values;
    }
}

/// <summary>A span as the Silo exported it: ids in lower-case hex (no parent: empty), its scope (activity source).</summary>
public sealed record ReceivedSpan(
    string TraceId, string SpanId, string ParentSpanId, string Name, string Scope, string? Service, IReadOnlyDictionary<string, string> Attributes);
