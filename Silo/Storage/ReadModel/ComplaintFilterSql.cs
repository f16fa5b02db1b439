using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The WHERE clause of a complaint list, shared by the SQL read models: only the filters given become conditions,
/// so the database can pick the matching index. Parameter values are text or integers, which every dialect binds.
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

        if (filter.BranchId is not null) Add("branch_id = @branch_id", "branch_id", filter.BranchId);
        if (filter.Status is { } status) Add("status = @status", "status", (int)status);
        if (filter.SlaState is { } slaState) Add("sla_state = @sla_state", "sla_state", (int)slaState);
        if (filter.Assignee is not null) Add("assignee = @assignee", "assignee", filter.Assignee);
        if (filter.OpenOnly) Add("status <> @resolved", "resolved", (int)ComplaintStatus.Resolved);
        if (filter.Scope is { Everything: false } scope) conditions.Add(ScopeSql.Condition(scope, "assignee", "branch_id", parameters));
        return (conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions), parameters);
    }
}
