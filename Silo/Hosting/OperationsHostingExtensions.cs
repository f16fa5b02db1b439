using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Orleans.Dashboard;
using WealthActors.Grains.Diagnostics;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Diagnostics;

namespace WealthActors.Silo.Hosting;

/// <summary>
/// What operators look at: the Orleans Dashboard, the service's metrics in Prometheus text format, and, when a collector
/// is configured, traces, metrics and logs over OpenTelemetry's protocol (OTLP).
/// </summary>
public static class OperationsHostingExtensions
{
    public const string DashboardPath = "/dashboard";
    public const string MetricsPath = "/metrics";

    /// <summary>Admin keys only: the dashboard shows every grain, silo and call, and its trace view shows the logs.</summary>
    public const string OperatePolicy = "operate";

    /// <summary>The meter under which .NET publishes its runtime metrics (<c>dotnet.gc.*</c>, <c>dotnet.process.*</c>).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>Orleans' meter. Only its reminder tardiness is exported: the rest is on the dashboard.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>How late each reminder tick was when the reminder service fired it, before the grain got the call.</summary>
    public const string ReminderTardiness = "orleans-reminders-tardiness";

    /// <summary>The standard variable that turns the OTLP export on: the collector's address.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard variable naming the service in exported telemetry; <see cref="DefaultServiceName"/> without it.</summary>
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    public const string DefaultServiceName = "wealthactors";

    /// <summary>
    /// The activity sources traced besides ASP.NET Core's and HttpClient's: Orleans' grain calls (application and
    /// runtime, such as a reminder tick), activations, its storage calls and durable jobs; the service's own spans
    /// (<see cref="WealthActorsTracing"/>); and Npgsql's commands on PostgreSQL.
    /// </summary>
    public static readonly string[] TracedSources = [ActivitySources.AllActivitySourceName, WealthActorsTracing.SourceName, "Npgsql"];

    public static WebApplicationBuilder AddWealthActorsOperations(this WebApplicationBuilder builder)
    {
        var sampleSeconds = OperationsOptions.From(builder.Configuration).DashboardSampleSeconds;
        if (sampleSeconds < 1)
        {
            throw new OptionsValidationException(OperationsOptions.Section, typeof(OperationsOptions),
                [$"{OperationsOptions.Section}:{nameof(OperationsOptions.DashboardSampleSeconds)} must be at least 1 (it is {sampleSeconds})."]);
        }

        builder.UseOrleans(silo =>
        {
            silo.AddDashboard(dashboard => dashboard.CounterUpdateIntervalMs = sampleSeconds * 1000);
            DashboardSampling.Apply(silo.Services, TimeSpan.FromSeconds(sampleSeconds));
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatePolicy, p => p.RequireRole(ApiRoles.Admin));
        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WealthActorsMetrics.MeterName)
            // The runtime's own meter: GC collections and pause time, heap sizes, CPU and thread-pool queues, so a
            // late escalation can be laid beside what the process was doing at the time.
            .AddMeter(RuntimeMeterName)
            .AddMeter(GcPauseListener.MeterName)
            // A late escalation is late either before its reminder tick reached the grain or after: this tells which.
            .AddMeter(OrleansMeterName)
            .AddView(OrleansInstrumentView)
            .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            ExportOverOtlp(builder, telemetry);
        }

        builder.Services.AddHostedService<GcPauseListener>();
        return builder;
    }

    /// <summary>
    /// Traces, the metrics above and logs, sent over OTLP to <see cref="OtlpEndpointVariable"/> (protocol, headers,
    /// batching and the rest from the standard <c>OTEL_*</c> variables). Spans are recorded only then, and only then do
    /// grain calls run Orleans' filters that carry the trace from call to call: without an endpoint tracing costs nothing.
    /// </summary>
    private static void ExportOverOtlp(WebApplicationBuilder builder, IOpenTelemetryBuilder telemetry)
    {
        var serviceName = builder.Configuration[ServiceNameVariable] is { Length: > 0 } configured ? configured : DefaultServiceName;
        telemetry
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(TracedSources))
            .WithLogging()
            .UseOtlpExporter();
        builder.UseOrleans(silo => silo.AddActivityPropagation());
    }

    private static MetricStreamConfiguration? OrleansInstrumentView(Instrument instrument) =>
        instrument.Meter.Name != OrleansMeterName ? null
        : instrument.Name == ReminderTardiness ? new ExplicitBucketHistogramConfiguration { Boundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] }
        : MetricStreamConfiguration.Drop;

    public static WebApplication MapWealthActorsOperations(this WebApplication app)
    {
        // Operator endpoints, not part of the API that integrators read in the OpenAPI document.
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(OperatePolicy).ExcludeFromDescription();
        var metrics = app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        if (OperationsOptions.From(app.Configuration).MetricsRequireAdmin)
        {
            metrics.RequireAuthorization(OperatePolicy);
        }

        return app;
    }
}
