using System.Data.Common;
using WealthActors.Grains.Tasks;
using WealthActors.Tasks;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqlReadModel : ITaskReadModelWriter, ITaskQueries
{
    // A projection older than the stored one is ignored, so a late republish cannot undo a newer state.
    private const string UpsertTaskSql = """
        INSERT INTO rm_tasks (task_id, client_id, branch_id, owner, title, kind, status, due, overdue, escalation_level, created_at, updated_at)
        VALUES (@task_id, @client_id, @branch_id, @owner, @title, @kind, @status, @due, @overdue, @escalation_level, @created_at, @updated_at)
        ON CONFLICT (task_id) DO UPDATE SET
            client_id = excluded.client_id, branch_id = excluded.branch_id, owner = excluded.owner, title = excluded.title,
            kind = excluded.kind, status = excluded.status, due = excluded.due, overdue = excluded.overdue,
            escalation_level = excluded.escalation_level, created_at = excluded.created_at, updated_at = excluded.updated_at
        WHERE excluded.updated_at >= rm_tasks.updated_at;
        """;

    // Instants are stored so that their order is the column's order on both databases (ticks, fixed-width text).
    private const string ListTasksSql = """
        SELECT task_id, client_id, branch_id, owner, title, kind, status, due, overdue, escalation_level, created_at, updated_at
        FROM rm_tasks
        WHERE owner = @owner AND (@any_status OR status = @status)
        ORDER BY due, task_id
        LIMIT @limit;
        """;

    private const string OpenTasksOfClientSql = """
        SELECT task_id, client_id, branch_id, owner, title, kind, status, due, overdue, escalation_level, created_at, updated_at
        FROM rm_tasks
        WHERE client_id = @client_id AND status IN (@open, @snoozed)
        ORDER BY due, task_id
        LIMIT @limit;
        """;

    public Task UpsertTask(TaskRow row, CancellationToken cancellationToken = default) =>
        _dialect.Write(new ReadModelWrite(UpsertTaskSql, bound =>
        {
            var parameters = Parameters(bound);
            parameters.Text("task_id", row.TaskId);
            parameters.Text("client_id", row.ClientId);
            parameters.Text("branch_id", row.BranchId);
            parameters.Text("owner", row.Owner);
            parameters.Text("title", row.Title);
            parameters.Text("kind", row.Kind);
            parameters.Integer("status", (int)row.Status);
            parameters.Instant("due", row.Due);
            parameters.Boolean("overdue", row.Overdue);
            parameters.Integer("escalation_level", row.EscalationLevel);
            parameters.Instant("created_at", row.CreatedAt);
            parameters.Instant("updated_at", row.UpdatedAt);
        }), cancellationToken);

    public Task<IReadOnlyList<TaskRow>> ListTasks(string owner, WorkItemStatus? status, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(ListTasksSql, limit, parameters =>
        {
            parameters.Text("owner", owner);
            parameters.Boolean("any_status", status is null);
            parameters.Integer("status", (int)(status ?? WorkItemStatus.Open));
        }, ReadTask, cancellationToken);

    public Task<IReadOnlyList<TaskRow>> OpenTasksOfClient(string clientId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(OpenTasksOfClientSql, limit, parameters =>
        {
            parameters.Text("client_id", clientId);
            parameters.Integer("open", (int)WorkItemStatus.Open);
            parameters.Integer("snoozed", (int)WorkItemStatus.Snoozed);
        }, ReadTask, cancellationToken);

    private TaskRow ReadTask(DbDataReader reader) => new(
        TaskId: reader.GetString(0),
        ClientId: reader.GetString(1),
        BranchId: reader.GetString(2),
        Owner: reader.GetString(3),
        Title: reader.GetString(4),
        Kind: reader.GetString(5),
        Status: (WorkItemStatus)reader.GetInt32(6),
        Due: _dialect.ReadInstant(reader, 7),
        Overdue: reader.GetBoolean(8),
        EscalationLevel: reader.GetInt32(9),
        CreatedAt: _dialect.ReadInstant(reader, 10),
        UpdatedAt: _dialect.ReadInstant(reader, 11));
}
