using System.Data.Common;
using System.Globalization;
using WealthActors.Permissions;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>The console's reports: sums over the book of clients in SQL, and the complaint rows of a window.</summary>
internal sealed partial class SqlReadModel : IReportQueries
{
    private const string ContactColumn = "coalesce(last_interaction_at, client_since)";

    public Task<IReadOnlyList<ComplaintRow>> ComplaintsActiveBetween(
        DateTimeOffset from, DateTimeOffset to, AccessScope? scope, CancellationToken cancellationToken = default)
    {
        var values = new List<(string Name, object Value)> { ("window_from", from), ("window_to", to) };
        var sql = $"""
            SELECT {ComplaintColumns} FROM rm_complaints
            WHERE opened_at < @window_to AND (resolved_at IS NULL OR resolved_at >= @window_from)
              AND {ScopeSql.Condition(scope, "assignee", "branch_id", values)}
            ORDER BY opened_at, complaint_id;
            """;
        return QueryAsync(sql, parameters => parameters.Values(values), ReadComplaint, cancellationToken);
    }

    // SQLite keeps amounts as exact decimal text; the cast makes them numbers to sum there and changes nothing on PostgreSQL.
    public Task<IReadOnlyList<TierTotal>> ClientsByTier(AccessScope? scope, CancellationToken cancellationToken = default)
    {
        var values = new List<(string Name, object Value)>();
        var sql = $"""
            SELECT tier, COUNT(*), SUM(CAST(aum AS NUMERIC)) FROM rm_clients
            WHERE {ScopeSql.Condition(scope, "advisor_id", "branch_id", values)}
            GROUP BY tier ORDER BY tier;
            """;
        return QueryAsync(sql, parameters => parameters.Values(values),
            reader => new TierTotal((ClientTier)reader.GetInt32(0), Count(reader, 1), Convert.ToDecimal(reader.GetValue(2), CultureInfo.InvariantCulture)),
            cancellationToken);
    }

    public Task<IReadOnlyList<OwnerCount>> ClientsByAdvisor(AccessScope? scope, CancellationToken cancellationToken = default)
    {
        var values = new List<(string Name, object Value)>();
        var sql = $"""
            SELECT advisor_id, COUNT(*) FROM rm_clients
            WHERE {ScopeSql.Condition(scope, "advisor_id", "branch_id", values)}
            GROUP BY advisor_id ORDER BY advisor_id;
            """;
        return QueryAsync(sql, parameters => parameters.Values(values), reader => new OwnerCount(reader.GetString(0), Count(reader, 1)), cancellationToken);
    }

    public Task<IReadOnlyList<MaturingHolding>> MaturingHoldings(
        DateOnly from, DateOnly to, AccessScope? scope, CancellationToken cancellationToken = default)
    {
        var values = new List<(string Name, object Value)> { ("maturing_from", from), ("maturing_to", to) };
        var sql = $"""
            SELECT h.client_id, c.advisor_id, h.product_name, h.maturity_date, h.amount
            FROM rm_holdings h JOIN rm_clients c ON c.client_id = h.client_id
            WHERE h.maturity_date >= @maturing_from AND h.maturity_date <= @maturing_to
              AND {ScopeSql.Condition(scope, "c.advisor_id", "c.branch_id", values)}
            ORDER BY h.maturity_date, h.client_id, h.product_code;
            """;
        return QueryAsync(sql, parameters => parameters.Values(values), reader => new MaturingHolding(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), _dialect.ReadDate(reader, 3), _dialect.ReadDecimal(reader, 4)),
            cancellationToken);
    }

    public async Task<int> CountClients(ClientFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, values) = ClientWhere(filter);
        var counts = await QueryAsync($"SELECT COUNT(*) FROM rm_clients WHERE {where};", parameters => parameters.Values(values),
            reader => Count(reader, 0), cancellationToken);
        return counts[0];
    }

    public Task<IReadOnlyList<ClientRow>> ListClients(ClientFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, values) = ClientWhere(filter);
        var sql = $"SELECT {ClientColumns} FROM rm_clients WHERE {where} ORDER BY name_key, client_id LIMIT @limit OFFSET @offset;";
        return ReadAsync(sql, filter.Limit, parameters =>
        {
            parameters.Values(values);
            parameters.Integer("offset", Math.Max(filter.Offset, 0));
        }, ReadClient, cancellationToken);
    }

    private static (string Where, List<(string Name, object Value)> Values) ClientWhere(ClientFilter filter)
    {
        var values = new List<(string Name, object Value)>();
        var conditions = new List<string> { ScopeSql.Condition(filter.Scope, "advisor_id", "branch_id", values) };
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            values.Add((name, value));
        }

        if (filter.Tier is { } tier)
        {
            Add("tier = @tier", "tier", (int)tier);
        }

        if (filter.AdvisorId is not null)
        {
            Add("advisor_id = @advisor_id", "advisor_id", filter.AdvisorId);
        }

        if (filter.InactiveSince is { } since)
        {
            Add($"{ContactColumn} <= @inactive_since", "inactive_since", since);
        }

        if (filter.MaturingFrom is not null || filter.MaturingTo is not null)
        {
            values.Add(("maturing_from", filter.MaturingFrom ?? DateOnly.MinValue));
            values.Add(("maturing_to", filter.MaturingTo ?? DateOnly.MaxValue));
            conditions.Add("""
                EXISTS (SELECT 1 FROM rm_holdings h WHERE h.client_id = rm_clients.client_id
                        AND h.maturity_date >= @maturing_from AND h.maturity_date <= @maturing_to)
                """);
        }

        return (string.Join(" AND ", conditions), values);
    }

    // COUNT(*) is a 64-bit integer on both databases.
    private static int Count(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
