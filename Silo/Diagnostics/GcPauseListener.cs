using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace WealthActors.Silo.Diagnostics;

/// <summary>
/// Records each stop-the-world garbage-collection pause as one histogram value. The runtime's meter only sums pause
/// time, but a late escalation waited behind one particular pause, so its length is what an operator needs; only the
/// runtime's GC events carry it (execution suspended, execution restarted). Runs for the life of the host.
/// </summary>
public sealed class GcPauseListener : EventListener, IHostedService
{
    public const string MeterName = "WealthActors.Runtime";

    private const string RuntimeEventSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    // Event ids of the runtime's GC events (GCStart_V2, GCSuspendEEBegin_V1, GCRestartEEEnd_V1).
    private const int GcStart = 1;
    private const int SuspendBegin = 9;
    private const int RestartEnd = 3;

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Pauses = Meter.CreateHistogram<double>(
        "wealthactors.gc.pause.duration", "s", "Each pause of the whole process for a garbage collection, from suspension to restart.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    // Events arrive one at a time on the listener's dispatch thread, so plain fields suffice.
    private DateTime? _suspendedAt;
    private int? _generation;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Called from the base constructor too, before this class's fields are set: it touches none of them.
        if (eventSource.Name == RuntimeEventSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventId)
        {
            case SuspendBegin:
                _suspendedAt = eventData.TimeStamp;
                _generation = null;
                break;
            case GcStart when _suspendedAt is not null:
                _generation = Depth(eventData);
                break;
            case RestartEnd when _suspendedAt is { } suspendedAt:
                _suspendedAt = null;
                // A background collection's suspensions run no GC of their own; they are tagged without a generation.
                Pauses.Record(Math.Max(0, (eventData.TimeStamp - suspendedAt).TotalSeconds), new TagList
                {
                    { "gc.generation", _generation is { } generation ? $"gen{generation}" : "none" },
                });
                break;
        }
    }

    private static int? Depth(EventWrittenEventArgs e)
    {
        var index = e.PayloadNames?.IndexOf("Depth") ?? -1;
        return index >= 0 && e.Payload?[index] is { } depth ? Convert.ToInt32(depth, CultureInfo.InvariantCulture) : null;
    }
}
