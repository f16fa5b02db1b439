using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using WealthActors.Grains.Diagnostics;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Hosting;

/// <summary>What operators look at: the Orleans Dashboard and the service's metrics in Prometheus text format.</summary>
public static class OperationsHostingExtensions
{
    public const string DashboardPath = "/dashboard";
    public const string MetricsPath = "/metrics";

    /// <summary>Admin keys only: the dashboard shows every grain, silo and call, and its trace view shows the logs.</summary>
    public const string OperatePolicy = "operate";

    /// <summary>The meter under which .NET publishes its runtime metrics (<c>dotnet.gc.*</c>, <c>dotnet.process.*</c>).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    public static WebApplicationBuilder AddWealthActorsOperations(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.AddDashboard());
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatePolicy, p => p.RequireRole(ApiRoles.Admin));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WealthActorsMetrics.MeterName)
            // The runtime's own meter: GC collections and pause time, heap sizes, CPU and thread-pool queues, so a
            // late escalation can be laid beside what the process was doing at the time.
            .AddMeter(RuntimeMeterName)
            .AddPrometheusExporter());
        return builder;
    }

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
