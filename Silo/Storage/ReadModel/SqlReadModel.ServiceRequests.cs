using System.Data.Common;
using WealthActors.Grains.ServiceRequests;
using WealthActors.ServiceRequests;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqlReadModel : IServiceRequestReadModelWriter, IServiceRequestQueries
{
    private const string UpsertServiceRequestSql = """
        INSERT INTO rm_service_requests (request_id, client_id, branch_id, assignee, type, status, sla_state, escalation_level,
            opened_at, next_deadline, updated_at)
        VALUES (@request_id, @client_id, @branch_id, @assignee, @type, @status, @sla_state, @escalation_level,
            @opened_at, @next_deadline, @updated_at)
        ON CONFLICT (request_id) DO UPDATE SET
            client_id = excluded.client_id, branch_id = excluded.branch_id, assignee = excluded.assignee, type = excluded.type,
            status = excluded.status, sla_state = excluded.sla_state, escalation_level = excluded.escalation_level,
            opened_at = excluded.opened_at, next_deadline = excluded.next_deadline, updated_at = excluded.updated_at
        WHERE excluded.updated_at >= rm_service_requests.updated_at;
        """;

    private const string ServiceRequestColumns =
        "request_id, client_id, branch_id, assignee, type, status, sla_state, escalation_level, opened_at, next_deadline, updated_at";

    public Task UpsertServiceRequest(ServiceRequestRow row, CancellationToken cancellationToken = default) =>
        _dialect.Write(new ReadModelWrite(UpsertServiceRequestSql, bound =>
        {
            var parameters = Parameters(bound);
            parameters.Text("request_id", row.RequestId);
            parameters.Text("client_id", row.ClientId);
            parameters.Text("branch_id", row.BranchId);
            parameters.Text("assignee", row.Assignee);
            parameters.Text("type", row.Type);
            parameters.Integer("status", (int)row.Status);
            parameters.Integer("sla_state", (int)row.SlaState);
            parameters.Integer("escalation_level", row.EscalationLevel);
            parameters.Instant("opened_at", row.OpenedAt);
            parameters.Instant("next_deadline", row.NextDeadline);
            parameters.Instant("updated_at", row.UpdatedAt);
        }), cancellationToken);

    public Task<IReadOnlyList<ServiceRequestRow>> ListServiceRequests(ServiceRequestFilter filter, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string>();
        var values = new List<(string Name, object Value)>();
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            values.Add((name, value));
        }

        if (filter.BranchId is not null)
        {
            Add("branch_id = @branch_id", "branch_id", filter.BranchId);
        }

        if (filter.Status is { } status)
        {
            Add("status = @status", "status", (int)status);
        }

        if (filter.Assignee is not null)
        {
            Add("assignee = @assignee", "assignee", filter.Assignee);
        }

        if (filter.Type is not null)
        {
            Add("type = @type", "type", filter.Type);
        }

        if (filter.ClientId is not null)
        {
            Add("client_id = @client_id", "client_id", filter.ClientId);
        }

        if (filter.Scope is { Everything: false } scope)
        {
            conditions.Add(ScopeSql.Condition(scope, "assignee", "branch_id", values));
        }

        var where = conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);
        var sql = $"SELECT {ServiceRequestColumns} FROM rm_service_requests WHERE {where} "
            + "ORDER BY next_deadline IS NULL, next_deadline, opened_at, request_id LIMIT @limit;";
        return ReadAsync(sql, filter.Limit, parameters => parameters.Values(values), ReadServiceRequest, cancellationToken);
    }

    private ServiceRequestRow ReadServiceRequest(DbDataReader reader) => new(
        RequestId: reader.GetString(0),
        ClientId: reader.GetString(1),
        BranchId: reader.GetString(2),
        Assignee: ReadNullableString(reader, 3),
        Type: reader.GetString(4),
        Status: (ServiceRequestStatus)reader.GetInt32(5),
        SlaState: (SlaState)reader.GetInt32(6),
        EscalationLevel: reader.GetInt32(7),
        OpenedAt: _dialect.ReadInstant(reader, 8),
        NextDeadline: ReadNullableInstant(reader, 9),
        UpdatedAt: _dialect.ReadInstant(reader, 10));
}
