using System.Diagnostics;

namespace WealthActors.Grains.Diagnostics;

/// <summary>
/// The service's own spans, on the <see cref="SourceName"/> activity source: where a trace would otherwise stop at the
/// edge of a library that has no spans of its own (the grain-state write to SQLite, the hand-off of an inbox message to
/// the chat channels). The Silo exports them over OTLP when an endpoint is configured; with no listener
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and costs a check, no allocation.
/// </summary>
public static class WealthActorsTracing
{
    public const string SourceName = "WealthActors";

    public static readonly ActivitySource Source = new(SourceName);
}
