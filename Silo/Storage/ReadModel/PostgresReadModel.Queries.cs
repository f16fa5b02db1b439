using WealthActors.Permissions;
using Npgsql;
using WealthActors.Employees;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class PostgresReadModel
{
    private const string ClientColumns = """
        client_id, name, branch_id, advisor_id, tier, vip, aum, birthday_sealed, risk_expires_on,
        last_interaction_at, next_maturity, lifecycle, open_complaints, updated_at, birthday
        """;

    // A substring cannot use a b-tree index; the scan reads one narrow table and is fine for tens of thousands of
    // clients (a trigram index is the next step beyond that). Ranking follows ReadModelSemantics.SearchRank.
    private static string SearchClientsSql(string scope) => $"""
        SELECT {ClientColumns}
        FROM rm_clients
        WHERE (client_id = @query OR strpos(name_key, @key) > 0) AND {scope}
        ORDER BY CASE WHEN client_id = @query THEN 0 WHEN starts_with(name_key, @key) THEN 1 ELSE 2 END,
                 name_key, client_id
        LIMIT @limit;
        """;

    private const string ComplaintColumns = """
        complaint_id, client_id, branch_id, assignee, status, sla_state, severity, category, escalation_level,
        opened_at, next_deadline, resolution_due, updated_at, calendar_id, breached_at, last_escalated_at, awaited_calendar_id
        """;

    // Urgency order, as ReadModelSemantics.InUrgencyOrder.
    private const string InboxHistorySql = """
        SELECT message_id, kind, message_key, complaint_id, client_id, text, created_at, delivered_via, delivered_at
        FROM rm_inbox
        WHERE employee_id = @employee_id
        ORDER BY created_at DESC, message_id DESC
        LIMIT @limit;
        """;

    public Task<IReadOnlyList<ClientRow>> SearchClients(string query, int limit, AccessScope? scope, CancellationToken cancellationToken = default)
    {
        var trimmed = query.Trim();
        var scoped = new List<(string Name, object Value)>();
        var sql = SearchClientsSql(ScopeSql.Condition(scope, "advisor_id", "branch_id", scoped));
        return ReadAsync(sql, limit, parameters =>
        {
            parameters.Bind("query", trimmed);
            parameters.Bind("key", ReadModelSemantics.NameKey(trimmed));
            foreach (var (name, value) in scoped)
            {
                parameters.Bind(name, (string)value);
            }
        }, ReadClient, cancellationToken);
    }

    public Task<IReadOnlyList<ComplaintRow>> ListComplaints(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = ComplaintFilterSql.Build(filter);
        var sql = $"SELECT {ComplaintColumns} FROM rm_complaints WHERE {where} {ComplaintFilterSql.OrderBy(filter.Order)} LIMIT @limit OFFSET @offset;";
        return ReadAsync(sql, filter.Limit, bound =>
        {
            foreach (var (name, value) in parameters)
            {
                if (value is int number) bound.Bind(name, number); else bound.Bind(name, (string)value);
            }

            bound.Bind("offset", Math.Max(filter.Offset, 0));
        }, ReadComplaint, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<SlaState, int>> CountComplaintsBySlaState(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = ComplaintFilterSql.Build(filter);
        await using var command = database.DataSource.CreateCommand(ComplaintFilterSql.CountBySlaState(where));
        foreach (var (name, value) in parameters)
        {
            if (value is int number) command.Parameters.Bind(name, number); else command.Parameters.Bind(name, (string)value);
        }

        var counts = new Dictionary<SlaState, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(SlaState)reader.GetInt32(0)] = (int)reader.GetInt64(1);
        }

        return counts;
    }

    public Task<IReadOnlyList<InboxMessage>> InboxHistory(string employeeId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(InboxHistorySql, limit, parameters => parameters.Bind("employee_id", employeeId), ReadInbox, cancellationToken);

    private async Task<IReadOnlyList<T>> ReadAsync<T>(
        string sql, int limit, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        limit = ReadModelSemantics.ClampLimit(limit);
        if (limit == 0)
        {
            return [];
        }

        await using var command = database.DataSource.CreateCommand(sql);
        bind(command.Parameters);
        command.Parameters.Bind("limit", limit);

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private ClientRow ReadClient(NpgsqlDataReader reader) => new(
        ClientId: reader.GetString(0),
        Name: reader.GetString(1),
        BranchId: reader.GetString(2),
        AdvisorId: reader.GetString(3),
        Tier: (ClientTier)reader.GetInt32(4),
        Vip: reader.GetBoolean(5),
        Aum: reader.GetDecimal(6),
        Birthday: ReadBirthday(reader, 0, 7, 14),
        RiskExpiresOn: reader.ReadNullableDate(8),
        LastInteractionAt: reader.ReadNullableInstant(9),
        NextMaturity: reader.ReadNullableDate(10),
        Lifecycle: (LifecycleStage)reader.GetInt32(11),
        OpenComplaints: reader.GetInt32(12),
        UpdatedAt: reader.ReadInstant(13));

    private DateOnly? ReadBirthday(NpgsqlDataReader reader, int clientId, int sealedBirthday, int clearBirthday) =>
        SealedBirthdays.Open(sealer, reader.GetString(clientId),
            reader.IsDBNull(sealedBirthday) ? null : reader.GetFieldValue<byte[]>(sealedBirthday), reader.ReadNullableDate(clearBirthday));

    private static ComplaintRow ReadComplaint(NpgsqlDataReader reader) => new(
        ComplaintId: reader.GetString(0),
        ClientId: reader.GetString(1),
        BranchId: reader.GetString(2),
        Assignee: reader.ReadNullableString(3),
        Status: (ComplaintStatus)reader.GetInt32(4),
        SlaState: (SlaState)reader.GetInt32(5),
        Severity: (Severity)reader.GetInt32(6),
        Category: reader.GetString(7),
        EscalationLevel: reader.GetInt32(8),
        OpenedAt: reader.ReadInstant(9),
        NextDeadline: reader.ReadNullableInstant(10),
        ResolutionDue: reader.ReadNullableInstant(11),
        UpdatedAt: reader.ReadInstant(12),
        CalendarId: reader.ReadNullableString(13),
        BreachedAt: reader.ReadNullableInstant(14),
        LastEscalatedAt: reader.ReadNullableInstant(15),
        AwaitedCalendarId: reader.ReadNullableString(16));

    private static InboxMessage ReadInbox(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        Kind: (InboxKind)reader.GetInt32(1),
        Key: reader.GetString(2),
        ComplaintId: reader.ReadNullableString(3),
        ClientId: reader.ReadNullableString(4),
        Text: reader.GetString(5),
        CreatedAt: reader.ReadInstant(6),
        DeliveredVia: reader.GetFieldValue<string[]>(7),
        DeliveredAt: reader.ReadNullableInstant(8));
}
