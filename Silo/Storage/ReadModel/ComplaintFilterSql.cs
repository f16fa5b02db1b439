using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The WHERE clause of a complaint list, shared by the SQL read models: only the filters given become conditions,
/// so the database can pick the matching index. Parameter values are text, integers or instants, which every dialect binds.
/// </summary>
internal static class ComplaintFilterSql
{
    public static (string Where, IReadOnlyList<(string Name, object Value)> Parameters) Build(ComplaintFilter filter)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object)>();
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            parameters.Add((name, value));
        }

        if (filter.BranchId is not null)
        {
            Add("branch_id = @branch_id", "branch_id", filter.BranchId);
        }

        if (filter.Status is { } status)
        {
            Add("status = @status", "status", (int)status);
        }

        if (filter.SlaState is { } slaState)
        {
            Add("sla_state = @sla_state", "sla_state", (int)slaState);
        }

        if (filter.Assignee is not null)
        {
            Add("assignee = @assignee", "assignee", filter.Assignee);
        }

        if (filter.ClientId is not null)
        {
            Add("client_id = @client_id", "client_id", filter.ClientId);
        }

        if (filter.Category is not null)
        {
            Add("category = @category", "category", filter.Category);
        }

        if (filter.Severity is { } severity)
        {
            Add("severity = @severity", "severity", (int)severity);
        }

        if (filter.OpenOnly)
        {
            // A literal, not a parameter: the database can then prove the query is within the partial indexes over
            // the open cases (migration 025 on SQLite, 030 on PostgreSQL), which a bound value would not show it.
            conditions.Add(OpenCondition);
        }

        Between(filter.Opened, "opened_at");
        Between(filter.Breached, "breached_at");
        Between(filter.Escalated, "last_escalated_at");
        if (filter.FirstResponse is { } minutes)
        {
            Add("first_response_minutes >= @response_from", "response_from", minutes.From);
            if (minutes.To is { } to)
            {
                Add("first_response_minutes < @response_to", "response_to", to);
            }
        }

        if (filter.Scope is { Everything: false } scope)
        {
            conditions.Add(ScopeSql.Condition(scope, "assignee", "branch_id", parameters));
        }

        return (conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions), parameters);

        void Between(TimeRange? range, string column)
        {
            if (range is null)
            {
                return;
            }

            Add($"{column} >= @{column}_from", $"{column}_from", range.From);
            Add($"{column} < @{column}_to", $"{column}_to", range.To);
        }
    }

    /// <summary>The ORDER BY of <paramref name="order"/>, as <see cref="ReadModelSemantics.InOrder"/> orders in memory.</summary>
    public static string OrderBy(ComplaintOrder order) => order switch
    {
        ComplaintOrder.Newest => "ORDER BY opened_at DESC, complaint_id",
        ComplaintOrder.Severity => $"ORDER BY severity DESC, {Urgency}",
        ComplaintOrder.Escalation => $"ORDER BY escalation_level DESC, {Urgency}",
        _ => $"ORDER BY {Urgency}",
    };

    private const string Urgency = "next_deadline IS NULL, next_deadline, opened_at, complaint_id";

    /// <summary>The condition of the partial indexes over open complaints, written exactly as they are.</summary>
    private static readonly string OpenCondition = $"status <> {(int)ComplaintStatus.Resolved}";

    /// <summary>The counts of <see cref="WealthActors.ReadModel.IReadModelQueries.CountComplaintsBySlaState"/>.</summary>
    public static string CountBySlaState(string where) => $"SELECT sla_state, COUNT(*) FROM rm_complaints WHERE {where} GROUP BY sla_state;";
}
