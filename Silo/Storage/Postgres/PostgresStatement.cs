using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>One statement of a write batch: its text, how its parameters are bound, and whether it returns rows.</summary>
/// <remarks>
/// Parameters may be bound by name (<c>@name</c> in the text) or by position (<c>$1</c>, unnamed parameters). Named ones
/// go to the server by position all the same (<see cref="Batch"/>): Npgsql would otherwise parse and rewrite the text on
/// every execution, which on a busy silo cost more than binding the values.
/// </remarks>
internal sealed partial record PostgresStatement(string Sql, Action<NpgsqlParameterCollection> Bind, bool ReturnsRows = false)
{
    /// <summary>
    /// When set, the statement is this audit entry rather than its text: the batch seals the entries of all its units as
    /// it is built and inserts them in one statement of its own (<see cref="PostgresStatementBatcher"/>).
    /// </summary>
    public PendingAuditEntry? AuditEntry { get; private init; }

    public static PostgresStatement Of(PendingAuditEntry entry) => new("", _ => { }) { AuditEntry = entry };

    // Per statement text, its positional form for the names it was last bound with, in that order.
    private static readonly ConcurrentDictionary<string, (string[] Names, string Sql)> PositionalTexts = new(StringComparer.Ordinal);

    /// <summary>The statements as one batch: sent in one round trip and run in one implicit transaction.</summary>
    public static NpgsqlBatch Batch(PostgresDatabase database, IEnumerable<PostgresStatement> statements)
    {
        var batch = database.DataSource.CreateBatch();
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            statement.Bind(command.Parameters);
            BindByPosition(command);
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    /// <summary>
    /// <paramref name="sql"/> with each <c>@name</c> replaced by <c>$n</c>, n being the name's place in
    /// <paramref name="parameters"/>; a name used twice keeps its one position.
    /// </summary>
    internal static string Positional(string sql, IReadOnlyList<string> parameters) =>
        NamedParameter().Replace(sql, match =>
        {
            var name = match.Groups[1].Value;
            for (var position = 0; position < parameters.Count; position++)
            {
                if (string.Equals(parameters[position], name, StringComparison.Ordinal))
                {
                    return "$" + (position + 1).ToString(CultureInfo.InvariantCulture);
                }
            }

            throw new InvalidOperationException($"The statement uses @{name}, which is not among its parameters.");
        });

    // Named parameters become positional in the order they were bound, so the text needs no knowledge of that order.
    private static void BindByPosition(NpgsqlBatchCommand command)
    {
        var parameters = command.Parameters;
        if (parameters.Count == 0 || parameters[0].ParameterName.Length == 0)
        {
            return;
        }

        var names = new string[parameters.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = parameters[i].ParameterName;
        }

        if (!PositionalTexts.TryGetValue(command.CommandText, out var known) || !known.Names.AsSpan().SequenceEqual(names))
        {
            known = (names, Positional(command.CommandText, names));
            PositionalTexts[command.CommandText] = known;
        }

        command.CommandText = known.Sql;
        foreach (NpgsqlParameter parameter in parameters)
        {
            parameter.ParameterName = string.Empty;
        }
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex NamedParameter();
}
