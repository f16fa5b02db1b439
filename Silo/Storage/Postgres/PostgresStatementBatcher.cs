using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>
/// Runs the grain-state and reminder writes of many grains as one batch: one round trip, one implicit transaction,
/// one commit (<see cref="WriteBatcher{TWrite, TResult}"/>). Orleans' AdoNet providers give each write its own
/// connection use and commit, and on a busy silo those per-write costs, not the rows, were most of what a command
/// cost the silo and the server. The statements are Orleans' own (<see cref="OrleansQueryText"/>), so a batched write
/// means exactly what the provider's write means; a statement of a batch sees the writes before it, so two writes of
/// one row in one batch apply in order.
/// </summary>
/// <remarks>Every statement must return a result set (a <c>SELECT</c> or <c>RETURNING</c>): its rows are its result.</remarks>
public sealed partial class PostgresStatementBatcher
{
    // Large enough that a wave of writes from every caller shares a commit; small enough that one batch's round trip
    // stays short for the writes queued behind it.
    private const int MaxBatch = 128;

    private readonly PostgresDatabase _database;
    private readonly WriteBatcher<PostgresStatement, IReadOnlyList<object?[]>> _batches;
    private readonly ConcurrentDictionary<string, Task<string>> _queries = new(StringComparer.Ordinal);

    internal PostgresStatementBatcher(PostgresDatabase database)
    {
        _database = database;
        _batches = new(Execute, MaxBatch);
    }

    /// <summary>Queues <paramref name="sql"/> for the next batch; completes with its rows once that batch has committed.</summary>
    /// <param name="bind">Adds the parameters, unnamed, in the order of their positions.</param>
    public Task<IReadOnlyList<object?[]>> Query(string sql, Action<NpgsqlParameterCollection> bind) =>
        _batches.Enqueue(new PostgresStatement(sql, bind));

    /// <summary>
    /// The text Orleans stores under <paramref name="queryKey"/> in <c>OrleansQuery</c>, read once per process, with its
    /// named parameters turned into positions in the order of <paramref name="parameters"/>: bound by position, a
    /// statement goes to the server as it is, while named ones Npgsql would parse and rewrite on every execution. The
    /// text is kept per key, so every caller of a key passes the same parameters (each key has one writer here).
    /// </summary>
    public Task<string> OrleansQueryText(string queryKey, params string[] parameters)
    {
        var text = _queries.GetOrAdd(queryKey, key => ReadQueryText(key, parameters));
        // A failed read (the server was down) is tried again by the next caller.
        if (text.IsFaulted || text.IsCanceled)
        {
            _queries.TryRemove(new KeyValuePair<string, Task<string>>(queryKey, text));
        }

        return text;
    }

    internal static string Positional(string sql, string[] parameters) =>
        NamedParameter().Replace(sql, match =>
        {
            var position = Array.IndexOf(parameters, match.Groups[1].Value);
            return position >= 0
                ? "$" + (position + 1).ToString(CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"The statement uses @{match.Groups[1].Value}, which is not among its parameters.");
        });

    private async Task<string> ReadQueryText(string queryKey, string[] parameters)
    {
        await using var command = _database.DataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key");
        command.Parameters.AddWithValue("key", queryKey);
        var text = await command.ExecuteScalarAsync() as string
                   ?? throw new InvalidOperationException($"OrleansQuery has no query '{queryKey}': the schema is not current.");
        return Positional(text, parameters);
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex NamedParameter();

    private async Task<IReadOnlyList<IReadOnlyList<object?[]>>> Execute(IReadOnlyList<PostgresStatement> statements)
    {
        await using var batch = PostgresStatement.Batch(_database, statements);
        var results = new List<IReadOnlyList<object?[]>>(statements.Count);
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            do
            {
                var rows = new List<object?[]>();
                while (await reader.ReadAsync())
                {
                    var row = new object?[reader.FieldCount];
                    reader.GetValues(row!);
                    rows.Add(Array.ConvertAll(row, value => value is DBNull ? null : value));
                }

                results.Add(rows);
            }
            while (await reader.NextResultAsync());
        }

        // The reader has read to the end of the batch, so the server has committed it: only now do the callers hear.
        return results;
    }

}
