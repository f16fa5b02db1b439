using System.Diagnostics;
using System.Diagnostics.Metrics;
using WealthActors.Employees;

namespace WealthActors.Grains.Diagnostics;

/// <summary>
/// The business metrics of the service, on the <see cref="MeterName"/> meter. The Silo exports them (Prometheus text
/// at <c>/metrics</c>); without a listener recording costs next to nothing. One static meter, because a process
/// hosts one silo and the instruments describe the service, not a DI scope.
/// </summary>
public static class WealthActorsMetrics
{
    public const string MeterName = "WealthActors";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ComplaintsOpened = Meter.CreateCounter<long>(
        "wealthactors.complaints.opened", "{complaint}", "Complaints opened.");

    private static readonly Counter<long> EscalationsFired = Meter.CreateCounter<long>(
        "wealthactors.escalations.fired", "{escalation}", "Escalation steps fired by the SLA clock.");

    private static readonly Histogram<double> EscalationLateness = Meter.CreateHistogram<double>(
        "wealthactors.escalation.lateness", "s", "How long after its deadline an escalation fired.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2, 5, 10, 20, 30, 60, 300, 3600] });

    private static readonly Counter<long> DeliveriesFailed = Meter.CreateCounter<long>(
        "wealthactors.deliveries.failed", "{delivery}", "Outbox deliveries that failed and stay queued for a retry.");

    // Tags are enums only: free text (a category) would give Prometheus one series per distinct value.
    public static void ComplaintOpened(Severity severity) =>
        ComplaintsOpened.Add(1, new KeyValuePair<string, object?>("severity", severity.ToString()));

    /// <param name="lateness">Time between the deadline and the firing; negative values (clock skew) count as 0.</param>
    public static void EscalationFired(int level, TimeSpan lateness)
    {
        var tags = new TagList { { "level", level } };
        EscalationsFired.Add(1, tags);
        EscalationLateness.Record(Math.Max(0, lateness.TotalSeconds), tags);
    }

    public static void DeliveryFailed(InboxKind kind) =>
        DeliveriesFailed.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));
}
