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

    public static OperationsOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<OperationsOptions>() ?? new OperationsOptions();
}
