using WealthActors.Complaints;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class InMemoryReadModel
{
    private readonly Dictionary<(string ComplaintId, long Seq), TimelineEntry> _timeline = [];

    public Task AppendTimeline(string complaintId, IReadOnlyList<(long Seq, TimelineEntry Entry)> events, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var (seq, entry) in events)
            {
                _timeline.TryAdd((complaintId, seq), entry with { At = entry.At.ToUniversalTime() });
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NumberedTimelineEntry>> TimelineHistory(string complaintId, long before, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<NumberedTimelineEntry> rows = _timeline
                .Where(e => e.Key.ComplaintId == complaintId && e.Key.Seq < before)
                .OrderByDescending(e => e.Key.Seq)
                .Take(ReadModelSemantics.ClampLimit(limit))
                .Select(e => new NumberedTimelineEntry(e.Key.Seq, e.Value))
                .ToList();
            return Task.FromResult(rows);
        }
    }
}
