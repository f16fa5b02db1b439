using System.Data.Common;
using System.Text;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqlReadModel
{
    // A numbered interaction never changes: a repeat after a crash writes nothing.
    private const string AppendInteractionSql = """
        INSERT INTO rm_interactions (client_id, seq, at_us, kind, employee_id, note_sealed)
        VALUES (@client_id, @seq, @at_us, @kind, @employee_id, @note_sealed)
        ON CONFLICT (client_id, seq) DO NOTHING;
        """;

    private const string InteractionPageSql = """
        SELECT seq, at_us, kind, employee_id, note_sealed
        FROM rm_interactions
        WHERE client_id = @client_id AND (at_us < @before_at OR (at_us = @before_at AND seq < @before_seq))
        ORDER BY at_us DESC, seq DESC
        LIMIT @limit;
        """;

    /// <summary>The statements that append a client row's new interactions, to run in the row's own unit.</summary>
    private ReadModelWrite[] InteractionWrites(string clientId, IReadOnlyList<InteractionRow> interactions)
    {
        var writes = new ReadModelWrite[interactions.Count];
        for (var i = 0; i < writes.Length; i++)
        {
            var interaction = interactions[i];
            writes[i] = new ReadModelWrite(AppendInteractionSql, bound =>
            {
                var parameters = Parameters(bound);
                parameters.Text("client_id", clientId);
                parameters.Long("seq", interaction.Seq);
                parameters.Long("at_us", Microseconds(interaction.At));
                parameters.Integer("kind", (int)interaction.Kind);
                parameters.Text("employee_id", interaction.EmployeeId);
                parameters.Bytes("note_sealed", _sealer.Seal(Encoding.UTF8.GetBytes(interaction.Note), NoteContext(clientId, interaction.Seq)));
            });
        }

        return writes;
    }

    public Task<IReadOnlyList<InteractionRow>> InteractionHistory(
        string clientId, InteractionCursor? before, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(InteractionPageSql, limit, parameters =>
        {
            parameters.Text("client_id", clientId);
            parameters.Long("before_at", before is null ? long.MaxValue : Microseconds(before.At));
            parameters.Long("before_seq", before?.Seq ?? long.MaxValue);
        }, reader => ReadInteraction(clientId, reader), cancellationToken);

    private InteractionRow ReadInteraction(string clientId, DbDataReader reader)
    {
        var seq = reader.GetInt64(0);
        var note = Encoding.UTF8.GetString(_sealer.Open((byte[])reader.GetValue(4), NoteContext(clientId, seq)));
        return new InteractionRow(
            seq, (InteractionKind)reader.GetInt32(2), DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(1) * 10), reader.GetString(3), note);
    }

    /// <summary>Microseconds since the Unix epoch: what the table orders by, and what the API's cursor carries.</summary>
    private static long Microseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    // Bound to its row, so a sealed note copied to another client or number does not open there.
    private static byte[] NoteContext(string clientId, long seq) => Encoding.UTF8.GetBytes($"rm_interactions.note:{clientId}:{seq}");
}
