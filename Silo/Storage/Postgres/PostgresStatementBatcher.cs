using Npgsql;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>
/// Runs the grain-state, reminder and read-model writes of many grains as one batch: one round trip, one implicit
/// transaction, one commit (<see cref="WriteBatcher{TWrite, TResult}"/>); grain-state reads go together the same way,
/// in batches of their own. Orleans' AdoNet providers give each write its
/// own connection use and commit, and on a busy silo those per-write costs, not the rows, were most of what a command
/// cost the silo and the server. The grain-state and reminder statements are Orleans' own (<see cref="OrleansQueryText"/>),
/// so a batched write means exactly what the provider's write means; a statement of a batch sees the writes before it,
/// so two writes of one row in one batch apply in order.
/// </summary>
public sealed class PostgresStatementBatcher
{
    // Large enough that a wave of writes from every caller shares a commit; small enough that one batch's round trip
    // stays short for the writes queued behind it.
    private const int MaxBatch = 128;

    /// <summary>The span of one batch of writes, linked to the spans of the writes it carries.</summary>
    public const string WriteBatchSpanName = "postgresql write batch";

    public const string ReadBatchSpanName = "postgresql read batch";

    private readonly PostgresDatabase _database;
    private readonly WriteBatcher<PostgresStatement[], IReadOnlyList<object?[]>> _batches;
    private readonly WriteBatcher<PostgresStatement[], IReadOnlyList<object?[]>> _reads;
    private readonly OrleansQueryTexts _queries;

    internal PostgresStatementBatcher(PostgresDatabase database)
    {
        _database = database;
        _batches = new(ExecuteWriteBatch, MaxBatch, WriteBatchSpanName);
        _reads = new(ExecuteBatch, MaxBatch, ReadBatchSpanName);
        _queries = new(async () => await database.DataSource.OpenConnectionAsync());
    }

    /// <summary>
    /// Queues <paramref name="sql"/>, which returns rows (a <c>SELECT</c> or <c>RETURNING</c>), for the next batch;
    /// completes with its rows once that batch has committed.
    /// </summary>
    /// <param name="bind">Adds the parameters: named as in the text, or unnamed in the order of their positions.</param>
    public Task<IReadOnlyList<object?[]>> Query(string sql, Action<NpgsqlParameterCollection> bind) =>
        Query([new PostgresStatement(sql, bind, ReturnsRows: true)]);

    /// <summary>
    /// Queues <paramref name="sql"/>, a <c>SELECT</c> that changes nothing, for the next batch of reads; completes with its
    /// rows. Reads go in batches of their own, so a read never waits behind the commit of a write batch.
    /// </summary>
    public Task<IReadOnlyList<object?[]>> Read(string sql, Action<NpgsqlParameterCollection> bind) =>
        _reads.Enqueue([new PostgresStatement(sql, bind, ReturnsRows: true)]);

    /// <summary>
    /// Queues statements that stand or fall together for the next batch; completes once that batch has committed.
    /// A failure fails every statement of the unit and no other writer's.
    /// </summary>
    internal Task Execute(PostgresStatement[] unit, CancellationToken cancellationToken = default) =>
        _batches.Enqueue(unit, cancellationToken);

    /// <summary>
    /// As <see cref="Execute"/>, and completes with the rows of the unit's first statement that returns rows (the rows of
    /// any later one, such as a check, are read and dropped).
    /// </summary>
    internal Task<IReadOnlyList<object?[]>> Query(PostgresStatement[] unit) => _batches.Enqueue(unit);

    /// <summary>
    /// The text Orleans stores under <paramref name="queryKey"/> in <c>OrleansQuery</c>, read once per process. Its
    /// parameters are bound by their names; the batch sends them by position (<see cref="PostgresStatement"/>).
    /// </summary>
    public Task<string> OrleansQueryText(string queryKey) => _queries.Get(queryKey);

    /// <summary>The audit chains whose entries the write batches seal as they are built (<see cref="IAuditSealer"/>).</summary>
    internal AuditSealers Sealers { get; } = new();

    private async Task<IReadOnlyList<IReadOnlyList<object?[]>>> ExecuteWriteBatch(IReadOnlyList<PostgresStatement[]> units)
    {
        await Sealers.BeginBatchAsync();
        try
        {
            var results = await ExecuteBatch(units, SealedEntries(units));
            Sealers.EndBatch(committed: true);
            return results;
        }
        catch
        {
            Sealers.EndBatch(committed: false);
            throw;
        }
    }

    /// <summary>
    /// Seals the audit entries of the batch's units, in order, and inserts each chain's as one statement at the batch's
    /// end: a row each, but one statement to bind, send and plan rather than one per entry.
    /// </summary>
    private static List<PostgresStatement> SealedEntries(IReadOnlyList<PostgresStatement[]> units)
    {
        var chains = new List<List<AuditEntry>>();
        foreach (var unit in units)
        {
            foreach (var pending in unit)
            {
                if (pending.AuditEntry is not { } audit)
                {
                    continue;
                }

                var entry = audit.Sealer.Seal(audit.Record);
                audit.Sealed?.Invoke(entry);
                var chain = chains.Find(c => string.Equals(c[0].ChainId, entry.ChainId, StringComparison.Ordinal));
                if (chain is null)
                {
                    chains.Add([entry]);
                }
                else
                {
                    chain.Add(entry);
                }
            }
        }

        return chains.ConvertAll(PostgresAuditStore.Insert);
    }

    private Task<IReadOnlyList<IReadOnlyList<object?[]>>> ExecuteBatch(IReadOnlyList<PostgresStatement[]> units) => ExecuteBatch(units, []);

    private async Task<IReadOnlyList<IReadOnlyList<object?[]>>> ExecuteBatch(IReadOnlyList<PostgresStatement[]> units, List<PostgresStatement> entries)
    {
        await using var batch = PostgresStatement.Batch(_database, units.SelectMany(unit => unit).Where(statement => statement.AuditEntry is null).Concat(entries));
        var results = new List<IReadOnlyList<object?[]>>(units.Count);
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            // The reader stands on the first result set and moves to the next one only when asked; statements without
            // rows have none.
            var atFirst = true;
            foreach (var unit in units)
            {
                IReadOnlyList<object?[]>? rows = null;
                foreach (var statement in unit.Where(statement => statement.ReturnsRows))
                {
                    if (!atFirst && !await reader.NextResultAsync())
                    {
                        throw new InvalidOperationException("A batch returned fewer result sets than it has statements that return rows.");
                    }

                    atFirst = false;
                    var read = await ReadRows(reader);
                    rows ??= read;
                }

                results.Add(rows ?? []);
            }

            while (await reader.NextResultAsync())
            {
            }
        }

        // The reader has read to the end of the batch, so the server has committed it: only now do the callers hear.
        return results;
    }

    private static async Task<IReadOnlyList<object?[]>> ReadRows(NpgsqlDataReader reader)
    {
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(StatementRows.Values(reader));
        }

        return rows;
    }
}
