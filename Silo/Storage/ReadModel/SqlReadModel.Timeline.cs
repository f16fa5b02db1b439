using System.Data.Common;
using WealthActors.Complaints;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqlReadModel
{
    // The events of one append are one unit: they share a transaction and a commit with the projections queued beside them.
    public Task AppendTimeline(string complaintId, IReadOnlyList<(long Seq, TimelineEntry Entry)> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        var unit = new ReadModelWrite[events.Count];
        for (var i = 0; i < unit.Length; i++)
        {
            var (seq, entry) = events[i];
            unit[i] = new ReadModelWrite(TimelineSql.Append, bound => BindTimeline(Parameters(bound), complaintId, seq, entry));
        }

        return _dialect.Write(unit, cancellationToken);
    }

    public Task<IReadOnlyList<NumberedTimelineEntry>> TimelineHistory(string complaintId, long before, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(TimelineSql.History, limit, parameters =>
        {
            parameters.Text("complaint_id", complaintId);
            parameters.Long("before", before);
        }, ReadTimeline, cancellationToken);

    private static void BindTimeline(ReadModelParameters parameters, string complaintId, long seq, TimelineEntry entry)
    {
        parameters.Text("complaint_id", complaintId);
        parameters.Long("seq", seq);
        parameters.Instant("at", entry.At);
        parameters.Text("kind", entry.Kind);
        parameters.Text("by_actor", entry.By);
        parameters.Text("text", entry.Text);
        parameters.Text("via", entry.Via);
    }

    private NumberedTimelineEntry ReadTimeline(DbDataReader reader) => new(
        reader.GetInt64(0),
        new TimelineEntry(_dialect.ReadInstant(reader, 1), reader.GetString(2), reader.GetString(3), ReadNullableString(reader, 4), ReadNullableString(reader, 5)));
}
