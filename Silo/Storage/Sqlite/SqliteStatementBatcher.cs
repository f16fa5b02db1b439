using Microsoft.Data.Sqlite;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// Group commit for the SQLite file: the grain-state and read-model writes of many grains run as one transaction
/// through one turn of the write gate (<see cref="WriteBatcher{TWrite, TResult}"/>). SQLite has one writer, and what a
/// write cost it was mostly per transaction, not per row: the gate's turn, a connection, the statement's parse, the
/// commit's pages in the write-ahead log. In a batch every page a write touches is logged once, and on the batcher's
/// own connection each statement text is parsed once for the life of the process. A statement of a batch sees the
/// writes before it, so two writes of one row in one batch apply in order.
/// </summary>
internal sealed class SqliteStatementBatcher : IDisposable
{
    // A batch holds the one writer for its whole length: large enough that a wave of writes shares a commit, small
    // enough that the writes queued behind it (and the care runs and imports that take the gate) wait briefly.
    private const int MaxBatch = 256;

    /// <summary>The span of one batch of writes, linked to the spans of the writes it carries.</summary>
    public const string WriteBatchSpanName = "sqlite write batch";

    // The statement texts are the product's own constants, a few dozen in all; the bound only keeps a text built at
    // run time from growing the set without end.
    private const int MaxPreparedTexts = 128;

    private readonly SqliteDatabase _database;
    private readonly WriteBatcher<SqliteUnit, IReadOnlyList<object?[]>> _batches;

    // The writer's own connection, kept open from batch to batch with one prepared command per statement text: a
    // statement is parsed once per process, not once per batch. Touched only by the one running batch (or Dispose),
    // each inside the write gate.
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

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

    /// <summary>The audit chains whose entries this file's batches seal as they are built (<see cref="IAuditSealer"/>).</summary>
    public AuditSealers Sealers { get; } = new();

    private async Task<IReadOnlyList<IReadOnlyList<object?[]>>> ExecuteBatch(IReadOnlyList<SqliteUnit> units)
    {
        // Once per batch rather than per write: every writer of the file queues here.
        await _database.EnsureSchemaAsync();
        await Sealers.BeginBatchAsync();
        await _database.WriteGate.WaitAsync();
        try
        {
            _connection ??= OpenConnection();
            using var transaction = _connection.BeginTransaction();
            try
            {
                var results = new IReadOnlyList<object?[]>[units.Count];
                for (var u = 0; u < units.Count; u++)
                {
                    var unit = units[u];
                    var rows = ReadAll(Bound(transaction, unit.Statements[0]));
                    results[u] = rows;
                    if (unit.ThenOnlyIfRows && rows.Count == 0)
                    {
                        continue;
                    }

                    for (var s = 1; s < unit.Statements.Length; s++)
                    {
                        Bound(transaction, unit.Statements[s]).ExecuteNonQuery();
                    }
                }

                transaction.Commit();
                Sealers.EndBatch(committed: true);
                _database.Checkpoints.Request();
                return results;
            }
            catch
            {
                Sealers.EndBatch(committed: false);
                // Whatever the failure left behind (a statement mid-step, a connection in doubt) goes with it: the
                // next batch, or each write retried alone, starts on a fresh connection.
                CloseConnection();
                throw;
            }
        }
        finally
        {
            _database.WriteGate.Release();
        }
    }

    /// <summary>Closes the batcher's connection (its prepared statements first) once no batch holds it.</summary>
    public void Dispose()
    {
        _database.WriteGate.Wait();
        try
        {
            CloseConnection();
        }
        finally
        {
            _database.WriteGate.Release();
        }
    }

    private SqliteCommand Bound(SqliteTransaction transaction, ReadModelWrite statement)
    {
        if (!_commands.TryGetValue(statement.Sql, out var command))
        {
            if (_commands.Count == MaxPreparedTexts)
            {
                DisposeCommands();
            }

            command = _connection!.CreateCommand();
            command.CommandText = statement.Sql;
            _commands.Add(statement.Sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        statement.Bind(command.Parameters);
        return command;
    }

    private SqliteConnection OpenConnection()
    {
        // Ungated: each batch takes the write gate itself, and the connection stays open from batch to batch.
        var connection = _database.OpenRead();
        using var limit = connection.CreateCommand();
        // The checkpointer copies the log beside the writer; the writer's own checkpoint is the backstop.
        limit.CommandText = $"PRAGMA wal_autocheckpoint = {SqliteCheckpointer.WriterCheckpointPages};";
        limit.ExecuteNonQuery();
        return connection;
    }

    private void CloseConnection()
    {
        DisposeCommands();
        _connection?.Dispose();
        _connection = null;
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
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
