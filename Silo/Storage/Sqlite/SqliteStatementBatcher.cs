using Microsoft.Data.Sqlite;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// Group commit for the SQLite file: the grain-state and read-model writes of many grains run as one transaction
/// through one turn of the write gate (<see cref="WriteBatcher{TWrite, TResult}"/>). SQLite has one writer, and what a
/// write cost it was mostly per transaction, not per row: the gate's turn, a connection, the statement's parse, the
/// commit's pages in the write-ahead log. In a batch each statement text is parsed once and every page it touches is
/// logged once. A statement of a batch sees the writes before it, so two writes of one row in one batch apply in order.
/// </summary>
internal sealed class SqliteStatementBatcher
{
    // A batch holds the one writer for its whole length: large enough that a wave of writes shares a commit, small
    // enough that the writes queued behind it (and the care runs and imports that take the gate) wait briefly.
    private const int MaxBatch = 256;

    /// <summary>The span of one batch of writes, linked to the spans of the writes it carries.</summary>
    public const string WriteBatchSpanName = "sqlite write batch";

    private readonly SqliteDatabase _database;
    private readonly WriteBatcher<SqliteUnit, IReadOnlyList<object?[]>> _batches;

    internal SqliteStatementBatcher(SqliteDatabase database)
    {
        _database = database;
        _batches = new(ExecuteBatch, MaxBatch, WriteBatchSpanName);
    }

    /// <summary>
    /// Queues statements that stand or fall together for the next batch; completes once that batch has committed. A
    /// failure fails every statement of the unit and no other writer's.
    /// </summary>
    public Task Execute(ReadModelWrite[] unit, CancellationToken cancellationToken = default) =>
        _batches.Enqueue(new SqliteUnit(unit, ThenOnlyIfRows: false), cancellationToken);

    /// <summary>
    /// Queues <paramref name="first"/>, whose text returns rows (<c>RETURNING</c>), and <paramref name="then"/>, which
    /// run only when it returned a row, for the next batch; completes with the rows of every result set of
    /// <paramref name="first"/> once the batch has committed. A state write whose version check fails returns no row,
    /// so the read-model row meant to describe it is not written either, and the writes batched beside it still commit.
    /// </summary>
    public Task<IReadOnlyList<object?[]>> QueryThen(ReadModelWrite first, ReadModelWrite[] then) =>
        _batches.Enqueue(new SqliteUnit([first, .. then], ThenOnlyIfRows: true));

    private async Task<IReadOnlyList<IReadOnlyList<object?[]>>> ExecuteBatch(IReadOnlyList<SqliteUnit> units)
    {
        // Once per batch rather than per write: every writer of the file queues here.
        await _database.EnsureSchemaAsync();
        await using var connection = await _database.OpenWriteAsync(CancellationToken.None);
        using var transaction = connection.BeginTransaction();
        // One command per statement text for the batch: prepared once, bound and run again for each unit.
        var commands = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        try
        {
            var results = new IReadOnlyList<object?[]>[units.Count];
            for (var u = 0; u < units.Count; u++)
            {
                var unit = units[u];
                var rows = ReadAll(Bound(commands, connection, transaction, unit.Statements[0]));
                results[u] = rows;
                if (unit.ThenOnlyIfRows && rows.Count == 0)
                {
                    continue;
                }

                for (var s = 1; s < unit.Statements.Length; s++)
                {
                    Bound(commands, connection, transaction, unit.Statements[s]).ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return results;
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }
        }
    }

    private static SqliteCommand Bound(Dictionary<string, SqliteCommand> commands, SqliteConnection connection, SqliteTransaction transaction, ReadModelWrite statement)
    {
        if (!commands.TryGetValue(statement.Sql, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement.Sql;
            commands.Add(statement.Sql, command);
        }

        command.Parameters.Clear();
        statement.Bind(command.Parameters);
        return command;
    }

    // Every statement of the text runs (the reader moves through them); their rows are kept in order.
    private static List<object?[]> ReadAll(SqliteCommand command)
    {
        var rows = new List<object?[]>();
        using var reader = command.ExecuteReader();
        do
        {
            while (reader.Read())
            {
                rows.Add(StatementRows.Values(reader));
            }
        }
        while (reader.NextResult());

        return rows;
    }

    /// <param name="ThenOnlyIfRows">The statements after the first run only when the first returned a row.</param>
    private sealed record SqliteUnit(ReadModelWrite[] Statements, bool ThenOnlyIfRows);
}
