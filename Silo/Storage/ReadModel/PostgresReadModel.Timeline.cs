using Npgsql;
using NpgsqlTypes;
using WealthActors.Complaints;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class PostgresReadModel
{
    // The events share one batch and one commit of the statement batcher.
    public Task AppendTimeline(string complaintId, IReadOnlyList<(long Seq, TimelineEntry Entry)> events, CancellationToken cancellationToken = default) =>
        writes.Execute(
            [.. events.Select(e => new PostgresStatement(TimelineSql.Append, parameters =>
            {
                parameters.Bind("complaint_id", complaintId);
                parameters.Add(new NpgsqlParameter<long>("seq", NpgsqlDbType.Bigint) { TypedValue = e.Seq });
                parameters.Bind("at", e.Entry.At);
                parameters.Bind("kind", e.Entry.Kind);
                parameters.Bind("by_actor", e.Entry.By);
                parameters.Bind("text", e.Entry.Text);
                parameters.Bind("via", e.Entry.Via);
            }))],
            cancellationToken);

    public Task<IReadOnlyList<NumberedTimelineEntry>> TimelineHistory(string complaintId, long before, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(TimelineSql.History, limit, parameters =>
        {
            parameters.Bind("complaint_id", complaintId);
            parameters.Add(new NpgsqlParameter<long>("before", NpgsqlDbType.Bigint) { TypedValue = before });
        }, ReadTimeline, cancellationToken);

    private static NumberedTimelineEntry ReadTimeline(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        new TimelineEntry(reader.ReadInstant(1), reader.GetString(2), reader.GetString(3), reader.ReadNullableString(4), reader.ReadNullableString(5)));
}
