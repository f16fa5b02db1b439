namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>The SQL of the calendar re-arm and SLA digest queries, the same text for SQLite and PostgreSQL.</summary>
internal static class DigestSql
{
    // The open complaints counting in a calendar or waiting for it, paged by id (keyset), so a re-arm can resume after
    // any page.
    public const string OpenComplaintsOnCalendar = """
        SELECT complaint_id
        FROM rm_complaints
        WHERE (calendar_id = @calendar_id OR awaited_calendar_id = @calendar_id) AND status <> @resolved
          AND (@after IS NULL OR complaint_id > @after)
        ORDER BY complaint_id
        LIMIT @limit;
        """;

    public const string ListBranches = """
        SELECT branch_id, name, head_employee_id, parent_branch_id, calendar_id, updated_at
        FROM rm_branches
        ORDER BY branch_id;
        """;

    public const string BranchCounts = """
        SELECT
            coalesce(sum(CASE WHEN status <> @resolved AND sla_state = @on_track THEN 1 ELSE 0 END), 0),
            coalesce(sum(CASE WHEN status <> @resolved AND sla_state = @at_risk THEN 1 ELSE 0 END), 0),
            coalesce(sum(CASE WHEN status <> @resolved AND sla_state = @breached THEN 1 ELSE 0 END), 0),
            coalesce(sum(CASE WHEN status <> @resolved AND sla_state = @paused THEN 1 ELSE 0 END), 0),
            coalesce(sum(CASE WHEN breached_at >= @since THEN 1 ELSE 0 END), 0),
            coalesce(sum(CASE WHEN last_escalated_at >= @since THEN 1 ELSE 0 END), 0)
        FROM rm_complaints
        WHERE branch_id = @branch_id;
        """;

    // Earliest breached deadline first: the longest overdue, as ReadModelSemantics.MostOverdue.
    public const string MostOverdueWhere = """
        WHERE branch_id = @branch_id AND status <> @resolved AND breached_at IS NOT NULL
        ORDER BY breached_at, complaint_id
        LIMIT @limit
        """;
}
