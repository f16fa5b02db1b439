using Microsoft.Data.Sqlite;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The read model on the embedded SQLite file. Writes are single upsert statements through the shared write
/// gate (SQLite has one writer), and concurrent ones share a transaction (<see cref="WriteBatcher{TWrite}"/>); queries
/// use their own connections, which WAL lets run beside the writer. Birthdays are sealed (<see cref="SealedBirthdays"/>).
/// </summary>
internal sealed partial class SqliteReadModel(SqliteDatabase database, PayloadSealer sealer)
    : IReadModelWriter, IReadModelQueries, IComplaintCalendarIndex, ISlaDigestQueries
{
    private readonly WriteBatcher<Statement> _writes = new(statements => WriteBatch(database, statements));

    // A projection older than the stored one is ignored, so a late republish cannot undo a newer state. The clear
    // birthday column is only ever emptied: it is what a release before sealing wrote.
    private const string UpsertClientSql = """
        INSERT INTO rm_clients (client_id, name, name_key, branch_id, advisor_id, tier, vip, aum, birthday_sealed, birthday_md,
            risk_expires_on, last_interaction_at, next_maturity, lifecycle, open_complaints, updated_at, client_since)
        VALUES (@client_id, @name, @name_key, @branch_id, @advisor_id, @tier, @vip, @aum, @birthday_sealed, @birthday_md,
            @risk_expires_on, @last_interaction_at, @next_maturity, @lifecycle, @open_complaints, @updated_at, @client_since)
        ON CONFLICT (client_id) DO UPDATE SET
            name = excluded.name, name_key = excluded.name_key, branch_id = excluded.branch_id,
            advisor_id = excluded.advisor_id, tier = excluded.tier, vip = excluded.vip, aum = excluded.aum,
            birthday = NULL, birthday_sealed = excluded.birthday_sealed, birthday_md = excluded.birthday_md,
            risk_expires_on = excluded.risk_expires_on,
            last_interaction_at = excluded.last_interaction_at, next_maturity = excluded.next_maturity,
            lifecycle = excluded.lifecycle, open_complaints = excluded.open_complaints, updated_at = excluded.updated_at,
            client_since = coalesce(excluded.client_since, rm_clients.client_since)
        WHERE excluded.updated_at >= rm_clients.updated_at;
        """;

    private const string UpsertComplaintSql = """
        INSERT INTO rm_complaints (complaint_id, client_id, branch_id, assignee, status, sla_state, severity, category,
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
        UpsertClientWithHoldings(row, cancellationToken);

    private void BindClient(SqliteParameterCollection parameters, ClientRow row)
    {
        parameters.AddWithValue("@client_id", row.ClientId);
        parameters.AddWithValue("@name", row.Name);
        parameters.AddWithValue("@name_key", ReadModelSemantics.NameKey(row.Name));
        parameters.AddWithValue("@branch_id", row.BranchId);
        parameters.AddWithValue("@advisor_id", row.AdvisorId);
        parameters.AddWithValue("@tier", (int)row.Tier);
        parameters.AddWithValue("@vip", row.Vip);
        parameters.AddWithValue("@aum", SqliteValues.Decimal(row.Aum));
        parameters.AddWithValue("@birthday_sealed", (object?)SealedBirthdays.Seal(sealer, row.ClientId, row.Birthday) ?? DBNull.Value);
        parameters.AddWithValue("@birthday_md", row.Birthday is { } birthday ? CareScanSql.Sqlite.BirthdayValue(birthday.Month, birthday.Day) : DBNull.Value);
        parameters.AddWithValue("@risk_expires_on", SqliteValues.Date(row.RiskExpiresOn));
        parameters.AddWithValue("@last_interaction_at", SqliteValues.Instant(row.LastInteractionAt));
        parameters.AddWithValue("@next_maturity", SqliteValues.Date(row.NextMaturity));
        parameters.AddWithValue("@lifecycle", (int)row.Lifecycle);
        parameters.AddWithValue("@open_complaints", row.OpenComplaints);
        parameters.AddWithValue("@updated_at", SqliteValues.Instant(row.UpdatedAt));
        parameters.AddWithValue("@client_since", SqliteValues.Instant(row.ClientSince));
    }

    public Task UpsertComplaint(ComplaintRow row, CancellationToken cancellationToken = default) =>
        WriteAsync(UpsertComplaintSql, parameters =>
        {
            parameters.AddWithValue("@complaint_id", row.ComplaintId);
            parameters.AddWithValue("@client_id", row.ClientId);
            parameters.AddWithValue("@branch_id", row.BranchId);
            parameters.AddWithValue("@assignee", SqliteValues.Nullable(row.Assignee));
            parameters.AddWithValue("@status", (int)row.Status);
            parameters.AddWithValue("@sla_state", (int)row.SlaState);
            parameters.AddWithValue("@severity", (int)row.Severity);
            parameters.AddWithValue("@category", row.Category);
            parameters.AddWithValue("@escalation_level", row.EscalationLevel);
            parameters.AddWithValue("@opened_at", SqliteValues.Instant(row.OpenedAt));
            parameters.AddWithValue("@next_deadline", SqliteValues.Instant(row.NextDeadline));
            parameters.AddWithValue("@resolution_due", SqliteValues.Instant(row.ResolutionDue));
            parameters.AddWithValue("@updated_at", SqliteValues.Instant(row.UpdatedAt));
            parameters.AddWithValue("@calendar_id", SqliteValues.Nullable(row.CalendarId));
            parameters.AddWithValue("@breached_at", SqliteValues.Instant(row.BreachedAt));
            parameters.AddWithValue("@last_escalated_at", SqliteValues.Instant(row.LastEscalatedAt));
            parameters.AddWithValue("@awaited_calendar_id", SqliteValues.Nullable(row.AwaitedCalendarId));
        }, cancellationToken);

    public Task UpsertBranch(BranchRow row, CancellationToken cancellationToken = default) =>
        WriteAsync(UpsertBranchSql, parameters =>
        {
            parameters.AddWithValue("@branch_id", row.BranchId);
            parameters.AddWithValue("@name", row.Name);
            parameters.AddWithValue("@head_employee_id", row.HeadEmployeeId);
            parameters.AddWithValue("@parent_branch_id", SqliteValues.Nullable(row.ParentBranchId));
            parameters.AddWithValue("@calendar_id", SqliteValues.Nullable(row.CalendarId));
            parameters.AddWithValue("@updated_at", SqliteValues.Instant(row.UpdatedAt));
        }, cancellationToken);

    public Task AppendInbox(string employeeId, InboxMessage message, CancellationToken cancellationToken = default) =>
        WriteAsync(AppendInboxSql, parameters =>
        {
            parameters.AddWithValue("@employee_id", employeeId);
            parameters.AddWithValue("@message_id", message.Id);
            parameters.AddWithValue("@kind", (int)message.Kind);
            parameters.AddWithValue("@message_key", message.Key);
            parameters.AddWithValue("@complaint_id", SqliteValues.Nullable(message.ComplaintId));
            parameters.AddWithValue("@client_id", SqliteValues.Nullable(message.ClientId));
            parameters.AddWithValue("@text", message.Text);
            parameters.AddWithValue("@created_at", SqliteValues.Instant(message.CreatedAt));
            parameters.AddWithValue("@delivered_via", SqliteValues.Json(message.DeliveredVia));
            parameters.AddWithValue("@delivered_at", SqliteValues.Instant(message.DeliveredAt));
        }, cancellationToken);

    private async Task WriteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        await _writes.Enqueue(new Statement(sql, bind), cancellationToken);
    }

    /// <summary>The queued statements in one transaction: one turn of the write gate, one commit.</summary>
    private static async Task WriteBatch(SqliteDatabase database, IReadOnlyList<Statement> statements)
    {
        await using var connection = await database.OpenWriteAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement.Sql;
            statement.Bind(command.Parameters);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private sealed record Statement(string Sql, Action<SqliteParameterCollection> Bind);
}
