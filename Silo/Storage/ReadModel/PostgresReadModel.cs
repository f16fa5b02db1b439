using Npgsql;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The read model on PostgreSQL, beside grain state. Every write is one upsert statement (or a unit of a few), and it
/// shares a batch, one transaction, with the grain-state and reminder writes queued beside it
/// (<see cref="PostgresStatementBatcher"/>); the semantics (which projection wins, search ranking, urgency
/// order) are those of <see cref="ReadModelSemantics"/>, shared with the SQLite and in-memory read models. Birthdays
/// are sealed (<see cref="SealedBirthdays"/>).
/// </summary>
internal sealed partial class PostgresReadModel(PostgresDatabase database, PostgresStatementBatcher writes, PayloadSealer sealer)
    : IReadModelWriter, IReadModelQueries, IComplaintCalendarIndex, ISlaDigestQueries
{
    // A projection older than the stored one is ignored, so a late republish cannot undo a newer state. The clear
    // birthday column is only ever emptied: it is what a release before sealing wrote.
    private const string UpsertClientSql = """
        INSERT INTO rm_clients AS c (client_id, name, name_key, branch_id, advisor_id, tier, vip, aum, birthday_sealed, birthday_mmdd,
            risk_expires_on, last_interaction_at, next_maturity, lifecycle, open_complaints, updated_at, client_since)
        VALUES (@client_id, @name, @name_key, @branch_id, @advisor_id, @tier, @vip, @aum, @birthday_sealed, @birthday_mmdd,
            @risk_expires_on, @last_interaction_at, @next_maturity, @lifecycle, @open_complaints, @updated_at, @client_since)
        ON CONFLICT (client_id) DO UPDATE SET
            name = excluded.name, name_key = excluded.name_key, branch_id = excluded.branch_id,
            advisor_id = excluded.advisor_id, tier = excluded.tier, vip = excluded.vip, aum = excluded.aum,
            birthday = NULL, birthday_sealed = excluded.birthday_sealed, birthday_mmdd = excluded.birthday_mmdd,
            risk_expires_on = excluded.risk_expires_on,
            last_interaction_at = excluded.last_interaction_at, next_maturity = excluded.next_maturity,
            lifecycle = excluded.lifecycle, open_complaints = excluded.open_complaints, updated_at = excluded.updated_at,
            client_since = coalesce(excluded.client_since, c.client_since)
        WHERE excluded.updated_at >= c.updated_at;
        """;

    private const string UpsertComplaintSql = """
        INSERT INTO rm_complaints AS k (complaint_id, client_id, branch_id, assignee, status, sla_state, severity, category,
            escalation_level, opened_at, next_deadline, resolution_due, updated_at, calendar_id, breached_at, last_escalated_at,
            awaited_calendar_id)
        VALUES (@complaint_id, @client_id, @branch_id, @assignee, @status, @sla_state, @severity, @category,
            @escalation_level, @opened_at, @next_deadline, @resolution_due, @updated_at, @calendar_id, @breached_at, @last_escalated_at,
            @awaited_calendar_id)
        ON CONFLICT (complaint_id) DO UPDATE SET
            client_id = excluded.client_id, branch_id = excluded.branch_id, assignee = excluded.assignee,
            status = excluded.status, sla_state = excluded.sla_state, severity = excluded.severity,
            category = excluded.category, escalation_level = excluded.escalation_level, opened_at = excluded.opened_at,
            next_deadline = excluded.next_deadline, resolution_due = excluded.resolution_due, updated_at = excluded.updated_at,
            calendar_id = excluded.calendar_id, breached_at = excluded.breached_at, last_escalated_at = excluded.last_escalated_at,
            awaited_calendar_id = excluded.awaited_calendar_id
        WHERE excluded.updated_at >= k.updated_at;
        """;

    private const string UpsertBranchSql = """
        INSERT INTO rm_branches AS b (branch_id, name, head_employee_id, parent_branch_id, calendar_id, updated_at)
        VALUES (@branch_id, @name, @head_employee_id, @parent_branch_id, @calendar_id, @updated_at)
        ON CONFLICT (branch_id) DO UPDATE SET
            name = excluded.name, head_employee_id = excluded.head_employee_id, parent_branch_id = excluded.parent_branch_id,
            calendar_id = excluded.calendar_id, updated_at = excluded.updated_at
        WHERE excluded.updated_at >= b.updated_at;
        """;

    // An inbox message carries no version; the latest publication of a message id wins (for example a delivery
    // that reached one more channel).
    private const string AppendInboxSql = """
        INSERT INTO rm_inbox (employee_id, message_id, kind, message_key, complaint_id, client_id, text, created_at, delivered_via, delivered_at)
        VALUES (@employee_id, @message_id, @kind, @message_key, @complaint_id, @client_id, @text, @created_at, @delivered_via, @delivered_at)
        ON CONFLICT (employee_id, message_id) DO UPDATE SET
            kind = excluded.kind, message_key = excluded.message_key, complaint_id = excluded.complaint_id,
            client_id = excluded.client_id, text = excluded.text, created_at = excluded.created_at,
            delivered_via = excluded.delivered_via, delivered_at = excluded.delivered_at;
        """;

    public Task UpsertClient(ClientRow row, CancellationToken cancellationToken = default) =>
        writes.Execute(ClientStatements(row), cancellationToken);

    private void BindClient(NpgsqlParameterCollection parameters, ClientRow row)
    {
        parameters.Bind("client_id", row.ClientId);
        parameters.Bind("name", row.Name);
        parameters.Bind("name_key", ReadModelSemantics.NameKey(row.Name));
        parameters.Bind("branch_id", row.BranchId);
        parameters.Bind("advisor_id", row.AdvisorId);
        parameters.Bind("tier", (int)row.Tier);
        parameters.Bind("vip", row.Vip);
        parameters.Bind("aum", row.Aum);
        parameters.Bind("birthday_sealed", SealedBirthdays.Seal(sealer, row.ClientId, row.Birthday));
        parameters.Bind("birthday_mmdd", row.Birthday is { } birthday ? (int)CareScanSql.Postgres.BirthdayValue(birthday.Month, birthday.Day) : null);
        parameters.Bind("risk_expires_on", row.RiskExpiresOn);
        parameters.Bind("last_interaction_at", row.LastInteractionAt);
        parameters.Bind("next_maturity", row.NextMaturity);
        parameters.Bind("lifecycle", (int)row.Lifecycle);
        parameters.Bind("open_complaints", row.OpenComplaints);
        parameters.Bind("updated_at", row.UpdatedAt);
        parameters.Bind("client_since", row.ClientSince);
    }

    public Task UpsertComplaint(ComplaintRow row, CancellationToken cancellationToken = default) =>
        writes.Execute([ComplaintStatement(row)], cancellationToken);

    /// <summary>
    /// The statements that publish <paramref name="row"/>, for the write of the grain state it describes to run in its
    /// own unit (<see cref="PostgresBatchedGrainStorage"/>).
    /// </summary>
    internal PostgresStatement[] Statements(IReadModelRow row) => row switch
    {
        ComplaintRow complaint => [ComplaintStatement(complaint)],
        ClientRow client => ClientStatements(client),
        _ => throw new ArgumentException($"No read-model statements for {row.GetType().Name}.", nameof(row)),
    };

    private static PostgresStatement ComplaintStatement(ComplaintRow row) =>
        new(UpsertComplaintSql, parameters =>
        {
            parameters.Bind("complaint_id", row.ComplaintId);
            parameters.Bind("client_id", row.ClientId);
            parameters.Bind("branch_id", row.BranchId);
            parameters.Bind("assignee", row.Assignee);
            parameters.Bind("status", (int)row.Status);
            parameters.Bind("sla_state", (int)row.SlaState);
            parameters.Bind("severity", (int)row.Severity);
            parameters.Bind("category", row.Category);
            parameters.Bind("escalation_level", row.EscalationLevel);
            parameters.Bind("opened_at", row.OpenedAt);
            parameters.Bind("next_deadline", row.NextDeadline);
            parameters.Bind("resolution_due", row.ResolutionDue);
            parameters.Bind("updated_at", row.UpdatedAt);
            parameters.Bind("calendar_id", row.CalendarId);
            parameters.Bind("breached_at", row.BreachedAt);
            parameters.Bind("last_escalated_at", row.LastEscalatedAt);
            parameters.Bind("awaited_calendar_id", row.AwaitedCalendarId);
        });

    public Task UpsertBranch(BranchRow row, CancellationToken cancellationToken = default) =>
        WriteAsync(UpsertBranchSql, parameters =>
        {
            parameters.Bind("branch_id", row.BranchId);
            parameters.Bind("name", row.Name);
            parameters.Bind("head_employee_id", row.HeadEmployeeId);
            parameters.Bind("parent_branch_id", row.ParentBranchId);
            parameters.Bind("calendar_id", row.CalendarId);
            parameters.Bind("updated_at", row.UpdatedAt);
        }, cancellationToken);

    public Task AppendInbox(string employeeId, InboxMessage message, CancellationToken cancellationToken = default) =>
        WriteAsync(AppendInboxSql, parameters =>
        {
            parameters.Bind("employee_id", employeeId);
            parameters.Bind("message_id", message.Id);
            parameters.Bind("kind", (int)message.Kind);
            parameters.Bind("message_key", message.Key);
            parameters.Bind("complaint_id", message.ComplaintId);
            parameters.Bind("client_id", message.ClientId);
            parameters.Bind("text", message.Text);
            parameters.Bind("created_at", message.CreatedAt);
            parameters.Bind("delivered_via", message.DeliveredVia);
            parameters.Bind("delivered_at", message.DeliveredAt);
        }, cancellationToken);

    private Task WriteAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken) =>
        writes.Execute([new PostgresStatement(sql, bind)], cancellationToken);
}
