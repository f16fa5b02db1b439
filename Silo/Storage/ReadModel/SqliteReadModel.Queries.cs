using WealthActors.Permissions;
using Microsoft.Data.Sqlite;
using WealthActors.Employees;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqliteReadModel
{
    private const string ClientColumns = """
        client_id, name, branch_id, advisor_id, tier, vip, aum, birthday_sealed, risk_expires_on,
        last_interaction_at, next_maturity, lifecycle, open_complaints, updated_at, birthday
        """;

    // A substring cannot use an index; the scan reads one narrow table and is fine for tens of thousands of
    // clients. Ranking follows ReadModelSemantics.SearchRank.
    private static string SearchClientsSql(string scope) => $"""
        SELECT {ClientColumns}
        FROM rm_clients
        WHERE (client_id = @query OR instr(name_key, @key) > 0) AND {scope}
        ORDER BY CASE WHEN client_id = @query THEN 0 WHEN substr(name_key, 1, length(@key)) = @key THEN 1 ELSE 2 END,
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
            parameters.AddWithValue("@query", trimmed);
            parameters.AddWithValue("@key", ReadModelSemantics.NameKey(trimmed));
            foreach (var (name, value) in scoped)
            {
                parameters.AddWithValue("@" + name, value);
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
                bound.AddWithValue("@" + name, value);
            }

            bound.AddWithValue("@offset", Math.Max(filter.Offset, 0));
        }, ReadComplaint, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<SlaState, int>> CountComplaintsBySlaState(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = ComplaintFilterSql.Build(filter);
        await database.EnsureSchemaAsync(cancellationToken);
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = ComplaintFilterSql.CountBySlaState(where);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        var counts = new Dictionary<SlaState, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(SlaState)reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    public Task<IReadOnlyList<InboxMessage>> InboxHistory(string employeeId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(InboxHistorySql, limit, parameters => parameters.AddWithValue("@employee_id", employeeId), ReadInbox, cancellationToken);

    private async Task<IReadOnlyList<T>> ReadAsync<T>(
        string sql, int limit, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        limit = ReadModelSemantics.ClampLimit(limit);
        if (limit == 0)
        {
            return [];
        }

        await database.EnsureSchemaAsync(cancellationToken);
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        command.Parameters.AddWithValue("@limit", limit);

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private ClientRow ReadClient(SqliteDataReader reader) => new(
        ClientId: reader.GetString(0),
        Name: reader.GetString(1),
        BranchId: reader.GetString(2),
        AdvisorId: reader.GetString(3),
        Tier: (ClientTier)reader.GetInt32(4),
        Vip: reader.GetBoolean(5),
        Aum: SqliteValues.ReadDecimal(reader, 6),
        Birthday: ReadBirthday(reader, 0, 7, 14),
        RiskExpiresOn: SqliteValues.ReadNullableDate(reader, 8),
        LastInteractionAt: SqliteValues.ReadNullableInstant(reader, 9),
        NextMaturity: SqliteValues.ReadNullableDate(reader, 10),
        Lifecycle: (LifecycleStage)reader.GetInt32(11),
        OpenComplaints: reader.GetInt32(12),
        UpdatedAt: SqliteValues.ReadInstant(reader, 13));

    private DateOnly? ReadBirthday(SqliteDataReader reader, int clientId, int sealedBirthday, int clearBirthday) =>
        SealedBirthdays.Open(sealer, reader.GetString(clientId),
            reader.IsDBNull(sealedBirthday) ? null : (byte[])reader.GetValue(sealedBirthday), SqliteValues.ReadNullableDate(reader, clearBirthday));

    private static ComplaintRow ReadComplaint(SqliteDataReader reader) => new(
        ComplaintId: reader.GetString(0),
        ClientId: reader.GetString(1),
        BranchId: reader.GetString(2),
        Assignee: SqliteValues.ReadNullableString(reader, 3),
        Status: (ComplaintStatus)reader.GetInt32(4),
        SlaState: (SlaState)reader.GetInt32(5),
        Severity: (Severity)reader.GetInt32(6),
        Category: reader.GetString(7),
        EscalationLevel: reader.GetInt32(8),
        OpenedAt: SqliteValues.ReadInstant(reader, 9),
        NextDeadline: SqliteValues.ReadNullableInstant(reader, 10),
        ResolutionDue: SqliteValues.ReadNullableInstant(reader, 11),
        UpdatedAt: SqliteValues.ReadInstant(reader, 12),
        CalendarId: SqliteValues.ReadNullableString(reader, 13),
        BreachedAt: SqliteValues.ReadNullableInstant(reader, 14),
        LastEscalatedAt: SqliteValues.ReadNullableInstant(reader, 15),
        AwaitedCalendarId: SqliteValues.ReadNullableString(reader, 16));

    private static InboxMessage ReadInbox(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        Kind: (InboxKind)reader.GetInt32(1),
        Key: reader.GetString(2),
        ComplaintId: SqliteValues.ReadNullableString(reader, 3),
        ClientId: SqliteValues.ReadNullableString(reader, 4),
        Text: reader.GetString(5),
        CreatedAt: SqliteValues.ReadInstant(reader, 6),
        DeliveredVia: SqliteValues.ReadJsonList(reader, 7),
        DeliveredAt: SqliteValues.ReadNullableInstant(reader, 8));
}
