namespace WealthActors.Silo.Hosting;

/// <summary>Configuration section <c>Operations</c>: the dashboard and the metrics endpoint.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// Whether <c>/metrics</c> needs an Admin key. Off by default: the counters carry no personal data and most
    /// scrapers cannot send an <c>X-Api-Key</c> header; keep the port off the public network instead, or set this.
    /// </summary>
    public bool MetricsRequireAdmin { get; set; }

    /// <summary>
    /// Seconds between the dashboard's samples of the silo's counters (at least 1). Each sample walks Orleans' gauges,
    /// some of which count over every activation, so on a silo holding many grains a sample every second cost a few
    /// percent of its CPU; every 10 seconds still draws the dashboard's charts.
    /// </summary>
    public int DashboardSampleSeconds { get; set; } = 10;

    public static OperationsOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<OperationsOptions>() ?? new OperationsOptions();
}
