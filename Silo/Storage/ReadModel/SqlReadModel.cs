using System.Data.Common;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The read model on a SQL database through ADO.NET, one implementation for SQLite and PostgreSQL: the statements,
/// readers, paging, scope filtering, sealing and timeline code are here, and only the <see cref="ReadModelDialect"/>
/// differs (a few SQL fragments, value encodings, and the write path: SQLite's write gate, PostgreSQL's statement
/// batcher). The semantics (which projection wins, search ranking, urgency order) are those of
/// <see cref="ReadModelSemantics"/>, shared with the in-memory read model. Birthdays are sealed (<see cref="SealedBirthdays"/>).
/// </summary>
internal sealed partial class SqlReadModel
    : IReadModelWriter, IReadModelQueries, IComplaintCalendarIndex, ISlaDigestQueries
{
    private readonly ReadModelDialect _dialect;
    private readonly PayloadSealer _sealer;
    private readonly string _upsertClientSql;
    private readonly ReadModelChanges? _changes;

    public SqlReadModel(ReadModelDialect dialect, PayloadSealer sealer, ReadModelChanges? changes = null)
    {
        _dialect = dialect;
        _sealer = sealer;
        _changes = changes;
        _upsertClientSql = UpsertClientSql(dialect.BirthdayColumn);
    }

    public static SqlReadModel OnSqlite(SqliteDatabase database, PayloadSealer sealer, ReadModelChanges? changes = null) =>
        new(new SqliteReadModelDialect(database), sealer, changes);

    public static SqlReadModel OnPostgres(PostgresDatabase database, PostgresStatementBatcher writes, PayloadSealer sealer, ReadModelChanges? changes = null) =>
        new(new PostgresReadModelDialect(database, writes), sealer, changes);

    /// <summary>Tells the live pages that a complaint row committed (by this read model, or with its grain's state write).</summary>
    internal void ComplaintCommitted() => _changes?.ComplaintCommitted();

    // A projection older than the stored one is ignored, so a late republish cannot undo a newer state. The clear
    // birthday column is only ever emptied: it is what a release before sealing wrote.
    private static string UpsertClientSql(string monthDayColumn) => $"""
        INSERT INTO rm_clients (client_id, name, name_key, branch_id, advisor_id, tier, vip, aum, birthday_sealed, {monthDayColumn},
            risk_expires_on, last_interaction_at, next_maturity, lifecycle, open_complaints, updated_at, client_since)
        VALUES (@client_id, @name, @name_key, @branch_id, @advisor_id, @tier, @vip, @aum, @birthday_sealed, @month_day,
            @risk_expires_on, @last_interaction_at, @next_maturity, @lifecycle, @open_complaints, @updated_at, @client_since)
        ON CONFLICT (client_id) DO UPDATE SET
            name = excluded.name, name_key = excluded.name_key, branch_id = excluded.branch_id,
            advisor_id = excluded.advisor_id, tier = excluded.tier, vip = excluded.vip, aum = excluded.aum,
            birthday = NULL, birthday_sealed = excluded.birthday_sealed, {monthDayColumn} = excluded.{monthDayColumn},
            risk_expires_on = excluded.risk_expires_on,
            last_interaction_at = excluded.last_interaction_at, next_maturity = excluded.next_maturity,
            lifecycle = excluded.lifecycle, open_complaints = excluded.open_complaints, updated_at = excluded.updated_at,
            client_since = coalesce(excluded.client_since, rm_clients.client_since)
        WHERE excluded.updated_at >= rm_clients.updated_at;
        """;

    // A complaint's client and opening time never change, so the update leaves them out: SQLite then maintains only
    // the indexes holding a column the update assigns, and the index of a client's complaints is written once.
    private const string UpsertComplaintSql = """
        INSERT INTO rm_complaints (complaint_id, client_id, branch_id, assignee, status, sla_state, severity, category,
            escalation_level, opened_at, next_deadline, resolution_due, updated_at, calendar_id, breached_at, last_escalated_at,
            awaited_calendar_id, channel, responded_at, resolved_at, first_response_minutes, first_response_met, resolution_met)
        VALUES (@complaint_id, @client_id, @branch_id, @assignee, @status, @sla_state, @severity, @category,
            @escalation_level, @opened_at, @next_deadline, @resolution_due, @updated_at, @calendar_id, @breached_at, @last_escalated_at,
            @awaited_calendar_id, @channel, @responded_at, @resolved_at, @first_response_minutes, @first_response_met, @resolution_met)
        ON CONFLICT (complaint_id) DO UPDATE SET
            branch_id = excluded.branch_id, assignee = excluded.assignee,
            status = excluded.status, sla_state = excluded.sla_state, severity = excluded.severity,
            category = excluded.category, escalation_level = excluded.escalation_level,
            next_deadline = excluded.next_deadline, resolution_due = excluded.resolution_due, updated_at = excluded.updated_at,
            calendar_id = excluded.calendar_id, breached_at = excluded.breached_at, last_escalated_at = excluded.last_escalated_at,
            awaited_calendar_id = excluded.awaited_calendar_id, channel = excluded.channel,
            responded_at = excluded.responded_at, resolved_at = excluded.resolved_at,
            first_response_minutes = excluded.first_response_minutes, first_response_met = excluded.first_response_met,
            resolution_met = excluded.resolution_met
        WHERE excluded.updated_at >= rm_complaints.updated_at;
        """;

    private const string UpsertBranchSql = """
        INSERT INTO rm_branches (branch_id, name, head_employee_id, parent_branch_id, calendar_id, updated_at)
        VALUES (@branch_id, @name, @head_employee_id, @parent_branch_id, @calendar_id, @updated_at)
        ON CONFLICT (branch_id) DO UPDATE SET
            name = excluded.name, head_employee_id = excluded.head_employee_id, parent_branch_id = excluded.parent_branch_id,
            calendar_id = excluded.calendar_id, updated_at = excluded.updated_at
        WHERE excluded.updated_at >= rm_branches.updated_at;
        """;

    // An inbox message carries no version; the latest publication of a message id wins (for example a
    // delivery that reached one more channel).
    private const string AppendInboxSql = """
        INSERT INTO rm_inbox (employee_id, message_id, kind, message_key, complaint_id, client_id, text, created_at, delivered_via, delivered_at)
        VALUES (@employee_id, @message_id, @kind, @message_key, @complaint_id, @client_id, @text, @created_at, @delivered_via, @delivered_at)
        ON CONFLICT (employee_id, message_id) DO UPDATE SET
            kind = excluded.kind, message_key = excluded.message_key, complaint_id = excluded.complaint_id,
            client_id = excluded.client_id, text = excluded.text, created_at = excluded.created_at,
            delivered_via = excluded.delivered_via, delivered_at = excluded.delivered_at;
        """;

    public Task UpsertClient(ClientRow row, CancellationToken cancellationToken = default) =>
        _dialect.Write(ClientWrites(row), cancellationToken);

    public async Task UpsertComplaint(ComplaintRow row, CancellationToken cancellationToken = default)
    {
        await _dialect.Write(ComplaintWrite(row), cancellationToken);
        ComplaintCommitted();
    }

    /// <summary>The statement that publishes <paramref name="row"/>; a storage that commits it with the state takes it from here.</summary>
    internal ReadModelWrite ComplaintWrite(ComplaintRow row) =>
        new(UpsertComplaintSql, bound =>
        {
            var parameters = Parameters(bound);
            parameters.Text("complaint_id", row.ComplaintId);
            parameters.Text("client_id", row.ClientId);
            parameters.Text("branch_id", row.BranchId);
            parameters.Text("assignee", row.Assignee);
            parameters.Integer("status", (int)row.Status);
            parameters.Integer("sla_state", (int)row.SlaState);
            parameters.Integer("severity", (int)row.Severity);
            parameters.Text("category", row.Category);
            parameters.Integer("escalation_level", row.EscalationLevel);
            parameters.Instant("opened_at", row.OpenedAt);
            parameters.Instant("next_deadline", row.NextDeadline);
            parameters.Instant("resolution_due", row.ResolutionDue);
            parameters.Instant("updated_at", row.UpdatedAt);
            parameters.Text("calendar_id", row.CalendarId);
            parameters.Instant("breached_at", row.BreachedAt);
            parameters.Instant("last_escalated_at", row.LastEscalatedAt);
            parameters.Text("awaited_calendar_id", row.AwaitedCalendarId);
            parameters.Text("channel", row.Channel);
            parameters.Instant("responded_at", row.RespondedAt);
            parameters.Instant("resolved_at", row.ResolvedAt);
            parameters.Integer("first_response_minutes", row.FirstResponseMinutes);
            parameters.Boolean("first_response_met", row.FirstResponseMet);
            parameters.Boolean("resolution_met", row.ResolutionMet);
        });

    private void BindClient(ReadModelParameters parameters, ClientRow row)
    {
        parameters.Text("client_id", row.ClientId);
        parameters.Text("name", row.Name);
        parameters.Text("name_key", ReadModelSemantics.NameKey(row.Name));
        parameters.Text("branch_id", row.BranchId);
        parameters.Text("advisor_id", row.AdvisorId);
        parameters.Integer("tier", (int)row.Tier);
        parameters.Boolean("vip", row.Vip);
        parameters.Decimal("aum", row.Aum);
        parameters.Bytes("birthday_sealed", SealedBirthdays.Seal(_sealer, row.ClientId, row.Birthday));
        parameters.MonthDay("month_day", row.Birthday);
        parameters.Date("risk_expires_on", row.RiskExpiresOn);
        parameters.Instant("last_interaction_at", row.LastInteractionAt);
        parameters.Date("next_maturity", row.NextMaturity);
        parameters.Integer("lifecycle", (int)row.Lifecycle);
        parameters.Integer("open_complaints", row.OpenComplaints);
        parameters.Instant("updated_at", row.UpdatedAt);
        parameters.Instant("client_since", row.ClientSince);
    }

    public Task UpsertBranch(BranchRow row, CancellationToken cancellationToken = default) =>
        _dialect.Write(new ReadModelWrite(UpsertBranchSql, bound =>
        {
            var parameters = Parameters(bound);
            parameters.Text("branch_id", row.BranchId);
            parameters.Text("name", row.Name);
            parameters.Text("head_employee_id", row.HeadEmployeeId);
            parameters.Text("parent_branch_id", row.ParentBranchId);
            parameters.Text("calendar_id", row.CalendarId);
            parameters.Instant("updated_at", row.UpdatedAt);
        }), cancellationToken);

    public Task AppendInbox(string employeeId, InboxMessage message, CancellationToken cancellationToken = default) =>
        _dialect.Write(new ReadModelWrite(AppendInboxSql, bound =>
        {
            var parameters = Parameters(bound);
            parameters.Text("employee_id", employeeId);
            parameters.Text("message_id", message.Id);
            parameters.Integer("kind", (int)message.Kind);
            parameters.Text("message_key", message.Key);
            parameters.Text("complaint_id", message.ComplaintId);
            parameters.Text("client_id", message.ClientId);
            parameters.Text("text", message.Text);
            parameters.Instant("created_at", message.CreatedAt);
            parameters.TextList("delivered_via", message.DeliveredVia);
            parameters.Instant("delivered_at", message.DeliveredAt);
        }), cancellationToken);

    private ReadModelParameters Parameters(DbParameterCollection parameters) => new(_dialect, parameters);
}
