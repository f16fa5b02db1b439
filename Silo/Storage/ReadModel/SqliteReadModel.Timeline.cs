using Microsoft.Data.Sqlite;
using WealthActors.Complaints;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqliteReadModel
{
    // One enqueue per event; the write queue commits those that wait together in one transaction.
    public Task AppendTimeline(string complaintId, IReadOnlyList<(long Seq, TimelineEntry Entry)> events, CancellationToken cancellationToken = default) =>
        Task.WhenAll(events.Select(e => WriteAsync(TimelineSql.Append, parameters =>
        {
            parameters.AddWithValue("@complaint_id", complaintId);
            parameters.AddWithValue("@seq", e.Seq);
            parameters.AddWithValue("@at", SqliteValues.Instant(e.Entry.At));
            parameters.AddWithValue("@kind", e.Entry.Kind);
            parameters.AddWithValue("@by_actor", e.Entry.By);
            parameters.AddWithValue("@text", SqliteValues.Nullable(e.Entry.Text));
            parameters.AddWithValue("@via", SqliteValues.Nullable(e.Entry.Via));
        }, cancellationToken)));

    public Task<IReadOnlyList<NumberedTimelineEntry>> TimelineHistory(string complaintId, long before, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(TimelineSql.History, limit, parameters =>
        {
            parameters.AddWithValue("@complaint_id", complaintId);
            parameters.AddWithValue("@before", before);
        }, ReadTimeline, cancellationToken);

    private static NumberedTimelineEntry ReadTimeline(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        new TimelineEntry(
            SqliteValues.ReadInstant(reader, 1), reader.GetString(2), reader.GetString(3),
            SqliteValues.ReadNullableString(reader, 4), SqliteValues.ReadNullableString(reader, 5)));
}
