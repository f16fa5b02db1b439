using Npgsql;
using NpgsqlTypes;
using WealthActors.Complaints;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class PostgresReadModel
{
    // Numbered events never change: a repeat after a crash writes the same row again.
    private const string AppendTimelineSql = """
        INSERT INTO rm_timeline (complaint_id, seq, at, kind, by_actor, text, via)
        VALUES (@complaint_id, @seq, @at, @kind, @by_actor, @text, @via)
        ON CONFLICT (complaint_id, seq) DO NOTHING;
        """;

    private const string TimelineHistorySql = """
        SELECT seq, at, kind, by_actor, text, via
        FROM rm_timeline
        WHERE complaint_id = @complaint_id AND seq < @before
        ORDER BY seq DESC
        LIMIT @limit;
        """;

    // The events share one batch and one commit of the statement batcher.
    public Task AppendTimeline(string complaintId, IReadOnlyList<(long Seq, TimelineEntry Entry)> events, CancellationToken cancellationToken = default) =>
        writes.Execute(
            [.. events.Select(e => new PostgresStatement(AppendTimelineSql, parameters =>
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
        ReadAsync(TimelineHistorySql, limit, parameters =>
        {
            parameters.Bind("complaint_id", complaintId);
            parameters.Add(new NpgsqlParameter<long>("before", NpgsqlDbType.Bigint) { TypedValue = before });
        }, ReadTimeline, cancellationToken);

    private static NumberedTimelineEntry ReadTimeline(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        new TimelineEntry(reader.ReadInstant(1), reader.GetString(2), reader.GetString(3), reader.ReadNullableString(4), reader.ReadNullableString(5)));
}
