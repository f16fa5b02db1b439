using WealthActors.Grains.Audit;

namespace WealthActors.Silo.Storage.Audit;

/// <summary>
/// The statements both SQL stores run: the same text on SQLite and PostgreSQL (<c>@name</c> parameters, row-value
/// comparisons), with instants bound by each store in its own representation.
/// </summary>
internal static class AuditSql
{
    public const string Columns =
        "chain_id, sequence, at, employee_id, key_name, door, channel, client_address, action, target_type, target_id, outcome, digest, algorithm, previous_hash, hash";

    public const string ChainIds = "SELECT DISTINCT chain_id FROM audit_entries ORDER BY chain_id;";

    public const string ReadChain = $"SELECT {Columns} FROM audit_entries WHERE chain_id = @chain_id ORDER BY sequence;";

    public const string ReadHead = $"SELECT {Columns} FROM audit_entries WHERE chain_id = @chain_id ORDER BY sequence DESC LIMIT 1;";

    /// <summary>One entry, every column a parameter named as the column.</summary>
    public static readonly string InsertEntry =
        $"INSERT INTO audit_entries ({Columns}) VALUES ({string.Join(", ", Columns.Split(", ").Select(column => "@" + column))});";

    public const string InsertChain =
        "INSERT INTO audit_chains (chain_id, started_at, host) VALUES (@chain_id, @started_at, @host) ON CONFLICT (chain_id) DO NOTHING;";

    /// <summary>A parameter of <see cref="Query"/>: instants are <see cref="DateTimeOffset"/>, for the store to convert.</summary>
    public sealed record Parameter(string Name, object Value);

    /// <summary>The page's statement; uses the indexes on (at, chain, sequence), (actor, at) and (target, at).</summary>
    public static (string Sql, IReadOnlyList<Parameter> Parameters) Query(AuditQuery query)
    {
        var where = new List<string>();
        var parameters = new List<Parameter>();
        if (query.Actor is { } actor)
        {
            where.Add("(employee_id = @actor OR key_name = @actor)");
            parameters.Add(new("actor", actor));
        }

        if (query.TargetType is { } targetType)
        {
            where.Add("target_type = @target_type");
            parameters.Add(new("target_type", targetType));
        }

        if (query.TargetId is { } targetId)
        {
            where.Add("target_id = @target_id");
            parameters.Add(new("target_id", targetId));
        }

        if (query.From is { } from)
        {
            where.Add("at >= @from");
            parameters.Add(new("from", AuditCanonicalForm.Truncate(from)));
        }

        if (query.To is { } to)
        {
            where.Add("at < @to");
            parameters.Add(new("to", AuditCanonicalForm.Truncate(to)));
        }

        if (query.After is { } after)
        {
            where.Add(query.Ascending
                ? "(at, chain_id, sequence) > (@after_at, @after_chain, @after_sequence)"
                : "(at, chain_id, sequence) < (@after_at, @after_chain, @after_sequence)");
            parameters.Add(new("after_at", after.At));
            parameters.Add(new("after_chain", after.ChainId));
            parameters.Add(new("after_sequence", after.Sequence));
        }

        parameters.Add(new("limit", query.Limit));
        var order = query.Ascending ? "at, chain_id, sequence" : "at DESC, chain_id DESC, sequence DESC";
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        return ($"SELECT {Columns} FROM audit_entries{filter} ORDER BY {order} LIMIT @limit;", parameters);
    }
}
