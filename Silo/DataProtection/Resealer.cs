using System.Data.Common;
using System.Text;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// Seals again, with the current key, every stored payload that is not sealed with it: grain state written before
/// sealing was switched on or under an older key, and read-model birthdays under an older key. After a run nothing
/// needs any other key, so an old key can leave the ring. It can run beside live silos: a row is replaced only while it
/// still holds what was read (the grain state's version, the birthday's bytes), so a grain's own write in between wins,
/// and the version is kept, so a grain's next write still matches it.
/// </summary>
internal sealed class Resealer(PayloadSealer sealer)
{
    private const int Batch = 500;

    // Both SQLite and PostgreSQL compare row values, and the tuple is the unique key of the table in both.
    private const string StatesSql = """
        SELECT service_id, grain_type, grain_n0, grain_n1, grain_ext, payload, version FROM orleans_storage
        WHERE (service_id, grain_type, grain_n0, grain_n1, grain_ext) > (@service_id, @grain_type, @grain_n0, @grain_n1, @grain_ext)
        ORDER BY service_id, grain_type, grain_n0, grain_n1, grain_ext
        LIMIT @limit;
        """;

    private const string ReplaceStateSql = """
        UPDATE orleans_storage SET payload = @payload
        WHERE service_id = @service_id AND grain_type = @grain_type AND grain_n0 = @grain_n0 AND grain_n1 = @grain_n1
          AND grain_ext = @grain_ext AND version = @version;
        """;

    private const string BirthdaysSql = """
        SELECT client_id, birthday_sealed FROM rm_clients
        WHERE client_id > @client_id AND birthday_sealed IS NOT NULL
        ORDER BY client_id
        LIMIT @limit;
        """;

    private const string ReplaceBirthdaySql = "UPDATE rm_clients SET birthday_sealed = @replacement WHERE client_id = @client_id AND birthday_sealed = @birthday_sealed;";

    // Interaction notes by client and number, the history's key.
    private const string NotesSql = """
        SELECT client_id, seq, note_sealed FROM rm_interactions
        WHERE (client_id, seq) > (@client_id, @seq)
        ORDER BY client_id, seq
        LIMIT @limit;
        """;

    private const string ReplaceNoteSql = "UPDATE rm_interactions SET note_sealed = @replacement WHERE client_id = @client_id AND seq = @seq AND note_sealed = @note_sealed;";

    public sealed record Result(int States, int StatesResealed, int StatesWerePlain, int Birthdays, int BirthdaysResealed, int Notes = 0, int NotesResealed = 0);

    public async Task<Result> Run(DbDataSource dataSource, CancellationToken cancellationToken)
    {
        var current = sealer.Ring.Current.Id;
        int states = 0, statesResealed = 0, plain = 0;
        var after = new object[] { "", "", 0L, 0L, "" };
        while (true)
        {
            var rows = await ReadStates(dataSource, after, cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }

            states += rows.Count;
            after = rows[^1].Key;
            var replacements = new List<(object[] Key, long Version, byte[] Payload)>();
            foreach (var (key, payload, version) in rows)
            {
                if (payload is null || (SealedPayloadFormat.IsSealed(payload) && SealedPayloadFormat.ReadHeader(payload).KeyId == current))
                {
                    continue;
                }

                var wasPlain = !SealedPayloadFormat.IsSealed(payload);
                plain += wasPlain ? 1 : 0;
                replacements.Add((key, version, sealer.Seal(wasPlain ? payload : sealer.Open(payload))));
            }

            statesResealed += await Execute(dataSource, replacements.Select(r => (ReplaceStateSql, Parameters(
                ("service_id", r.Key[0]), ("grain_type", r.Key[1]), ("grain_n0", r.Key[2]), ("grain_n1", r.Key[3]), ("grain_ext", r.Key[4]),
                ("version", r.Version), ("payload", r.Payload)))), cancellationToken);
        }

        var (birthdays, birthdaysResealed) = await ResealBirthdays(dataSource, current, cancellationToken);
        var (notes, notesResealed) = await ResealInteractionNotes(dataSource, current, cancellationToken);
        return new Result(states, statesResealed, plain, birthdays, birthdaysResealed, notes, notesResealed);
    }

    private async Task<(int Birthdays, int Resealed)> ResealBirthdays(DbDataSource dataSource, string current, CancellationToken cancellationToken)
    {
        int birthdays = 0, resealed = 0;
        var after = "";
        while (true)
        {
            var rows = new List<(string ClientId, byte[] Sealed)>();
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            await using (var command = Command(connection, BirthdaysSql, ("client_id", after), ("limit", Batch)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
                }
            }

            if (rows.Count == 0)
            {
                return (birthdays, resealed);
            }

            birthdays += rows.Count;
            after = rows[^1].ClientId;
            var replacements = rows
                .Where(row => SealedPayloadFormat.ReadHeader(row.Sealed).KeyId != current)
                .Select(row =>
                {
                    // Bound to the row as the read model binds it (SealedBirthdays).
                    var context = Encoding.UTF8.GetBytes("rm_clients.birthday:" + row.ClientId);
                    return (ReplaceBirthdaySql, Parameters(
                        ("client_id", row.ClientId), ("birthday_sealed", row.Sealed), ("replacement", sealer.Seal(sealer.Open(row.Sealed, context), context))));
                });
            resealed += await Execute(dataSource, replacements, cancellationToken);
        }
    }

    private async Task<(int Notes, int Resealed)> ResealInteractionNotes(DbDataSource dataSource, string current, CancellationToken cancellationToken)
    {
        int notes = 0, resealed = 0;
        var (afterClient, afterSeq) = ("", -1L);
        while (true)
        {
            var rows = new List<(string ClientId, long Seq, byte[] Sealed)>();
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            await using (var command = Command(connection, NotesSql, ("client_id", afterClient), ("seq", afterSeq), ("limit", Batch)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetString(0), reader.GetInt64(1), (byte[])reader.GetValue(2)));
                }
            }

            if (rows.Count == 0)
            {
                return (notes, resealed);
            }

            notes += rows.Count;
            (afterClient, afterSeq) = (rows[^1].ClientId, rows[^1].Seq);
            var replacements = rows
                .Where(row => SealedPayloadFormat.ReadHeader(row.Sealed).KeyId != current)
                .Select(row =>
                {
                    // Bound to the row as the read model binds it (SqlReadModel.Interactions).
                    var context = Encoding.UTF8.GetBytes($"rm_interactions.note:{row.ClientId}:{row.Seq}");
                    return (ReplaceNoteSql, Parameters(
                        ("client_id", row.ClientId), ("seq", row.Seq), ("note_sealed", row.Sealed), ("replacement", sealer.Seal(sealer.Open(row.Sealed, context), context))));
                });
            resealed += await Execute(dataSource, replacements, cancellationToken);
        }
    }

    private static async Task<List<(object[] Key, byte[]? Payload, long Version)>> ReadStates(DbDataSource dataSource, object[] after, CancellationToken cancellationToken)
    {
        var rows = new List<(object[] Key, byte[]? Payload, long Version)>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, StatesSql,
            ("service_id", after[0]), ("grain_type", after[1]), ("grain_n0", after[2]), ("grain_n1", after[3]), ("grain_ext", after[4]), ("limit", Batch));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((
                [reader.GetString(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(4)],
                reader.IsDBNull(5) ? null : (byte[])reader.GetValue(5),
                Convert.ToInt64(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    // One transaction per batch, short enough to leave the single SQLite writer to the silos between batches.
    private static async Task<int> Execute(DbDataSource dataSource, IEnumerable<(string Sql, (string, object)[] Parameters)> statements, CancellationToken cancellationToken)
    {
        var list = statements.ToList();
        if (list.Count == 0)
        {
            return 0;
        }

        var changed = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (sql, parameters) in list)
        {
            await using var command = Command(connection, sql, parameters);
            command.Transaction = transaction;
            changed += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static (string, object)[] Parameters(params (string, object)[] parameters) => parameters;

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
