using System.Data.Common;
using System.Globalization;
using WealthActors.Employees;
using WealthActors.Permissions;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqlReadModel
{
    private const string ClientColumns = """
        client_id, name, branch_id, advisor_id, tier, vip, aum, birthday_sealed, risk_expires_on,
        last_interaction_at, next_maturity, lifecycle, open_complaints, updated_at, birthday
        """;

    private const string ComplaintColumns = """
        complaint_id, client_id, branch_id, assignee, status, sla_state, severity, category, escalation_level,
        opened_at, next_deadline, resolution_due, updated_at, calendar_id, breached_at, last_escalated_at, awaited_calendar_id,
        channel, responded_at, resolved_at, first_response_minutes, first_response_met, resolution_met
        """;

    private const string InboxHistorySql = """
        SELECT message_id, kind, message_key, complaint_id, client_id, text, created_at, delivered_via, delivered_at
        FROM rm_inbox
        WHERE employee_id = @employee_id
        ORDER BY created_at DESC, message_id DESC
        LIMIT @limit;
        """;

    // A substring cannot use a b-tree index; the scan reads one narrow table and is fine for tens of thousands of
    // clients (on PostgreSQL a trigram index is the next step beyond that). Ranking follows ReadModelSemantics.SearchRank.
    private string SearchClientsSql(string scope) => $"""
        SELECT {ClientColumns}
        FROM rm_clients
        WHERE (client_id = @query OR {_dialect.Contains("name_key", "@key")}) AND {scope}
        ORDER BY CASE WHEN client_id = @query THEN 0 WHEN {_dialect.StartsWith("name_key", "@key")} THEN 1 ELSE 2 END,
                 name_key, client_id
        LIMIT @limit;
        """;

    public Task<IReadOnlyList<ClientRow>> SearchClients(string query, int limit, AccessScope? scope, CancellationToken cancellationToken = default)
    {
        var trimmed = query.Trim();
        var scoped = new List<(string Name, object Value)>();
        var sql = SearchClientsSql(ScopeSql.Condition(scope, "advisor_id", "branch_id", scoped));
        return ReadAsync(sql, limit, parameters =>
        {
            parameters.Text("query", trimmed);
            parameters.Text("key", ReadModelSemantics.NameKey(trimmed));
            parameters.Values(scoped);
        }, ReadClient, cancellationToken);
    }

    public Task<IReadOnlyList<ComplaintRow>> ListComplaints(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, values) = ComplaintFilterSql.Build(filter);
        var sql = $"SELECT {ComplaintColumns} FROM rm_complaints WHERE {where} {ComplaintFilterSql.OrderBy(filter.Order)} LIMIT @limit OFFSET @offset;";
        return ReadAsync(sql, filter.Limit, parameters =>
        {
            parameters.Values(values);
            parameters.Integer("offset", Math.Max(filter.Offset, 0));
        }, ReadComplaint, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<SlaState, int>> CountComplaintsBySlaState(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, values) = ComplaintFilterSql.Build(filter);
        var rows = await QueryAsync(ComplaintFilterSql.CountBySlaState(where), parameters => parameters.Values(values),
            reader => ((SlaState)reader.GetInt32(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken);
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    public Task<IReadOnlyList<InboxMessage>> InboxHistory(string employeeId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(InboxHistorySql, limit, parameters => parameters.Text("employee_id", employeeId), ReadInbox, cancellationToken);

    /// <summary>A page of rows: at most <paramref name="limit"/> (clamped to <see cref="ReadModelSemantics.MaxLimit"/>), bound as <c>@limit</c>.</summary>
    private Task<IReadOnlyList<T>> ReadAsync<T>(
        string sql, int limit, Action<ReadModelParameters> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        limit = ReadModelSemantics.ClampLimit(limit);
        return limit == 0
            ? Task.FromResult<IReadOnlyList<T>>([])
            : QueryAsync(sql, parameters =>
            {
                bind(parameters);
                parameters.Integer("limit", limit);
            }, read, cancellationToken);
    }

    /// <summary>Every row <paramref name="sql"/> returns, read on a query connection.</summary>
    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Action<ReadModelParameters> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(Parameters(command.Parameters));

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private ClientRow ReadClient(DbDataReader reader) => new(
        ClientId: reader.GetString(0),
        Name: reader.GetString(1),
        BranchId: reader.GetString(2),
        AdvisorId: reader.GetString(3),
        Tier: (ClientTier)reader.GetInt32(4),
        Vip: reader.GetBoolean(5),
        Aum: _dialect.ReadDecimal(reader, 6),
        Birthday: ReadBirthday(reader, 0, 7, 14),
        RiskExpiresOn: ReadNullableDate(reader, 8),
        LastInteractionAt: ReadNullableInstant(reader, 9),
        NextMaturity: ReadNullableDate(reader, 10),
        Lifecycle: (LifecycleStage)reader.GetInt32(11),
        OpenComplaints: reader.GetInt32(12),
        UpdatedAt: _dialect.ReadInstant(reader, 13));

    private DateOnly? ReadBirthday(DbDataReader reader, int clientId, int sealedBirthday, int clearBirthday) =>
        SealedBirthdays.Open(_sealer, reader.GetString(clientId),
            reader.IsDBNull(sealedBirthday) ? null : (byte[])reader.GetValue(sealedBirthday), ReadNullableDate(reader, clearBirthday));

    private ComplaintRow ReadComplaint(DbDataReader reader) => new(
        ComplaintId: reader.GetString(0),
        ClientId: reader.GetString(1),
        BranchId: reader.GetString(2),
        Assignee: ReadNullableString(reader, 3),
        Status: (ComplaintStatus)reader.GetInt32(4),
        SlaState: (SlaState)reader.GetInt32(5),
        Severity: (Severity)reader.GetInt32(6),
        Category: reader.GetString(7),
        EscalationLevel: reader.GetInt32(8),
        OpenedAt: _dialect.ReadInstant(reader, 9),
        NextDeadline: ReadNullableInstant(reader, 10),
        ResolutionDue: ReadNullableInstant(reader, 11),
        UpdatedAt: _dialect.ReadInstant(reader, 12),
        CalendarId: ReadNullableString(reader, 13),
        BreachedAt: ReadNullableInstant(reader, 14),
        LastEscalatedAt: ReadNullableInstant(reader, 15),
        AwaitedCalendarId: ReadNullableString(reader, 16),
        Channel: ReadNullableString(reader, 17),
        RespondedAt: ReadNullableInstant(reader, 18),
        ResolvedAt: ReadNullableInstant(reader, 19),
        FirstResponseMinutes: reader.IsDBNull(20) ? null : reader.GetInt32(20),
        FirstResponseMet: reader.IsDBNull(21) ? null : reader.GetBoolean(21),
        ResolutionMet: reader.IsDBNull(22) ? null : reader.GetBoolean(22));

    private InboxMessage ReadInbox(DbDataReader reader) => new(
        Id: reader.GetString(0),
        Kind: (InboxKind)reader.GetInt32(1),
        Key: reader.GetString(2),
        ComplaintId: ReadNullableString(reader, 3),
        ClientId: ReadNullableString(reader, 4),
        Text: reader.GetString(5),
        CreatedAt: _dialect.ReadInstant(reader, 6),
        DeliveredVia: _dialect.ReadTextList(reader, 7),
        DeliveredAt: ReadNullableInstant(reader, 8));

    private DateTimeOffset? ReadNullableInstant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : _dialect.ReadInstant(reader, ordinal);

    private DateOnly? ReadNullableDate(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : _dialect.ReadDate(reader, ordinal);

    private static string? ReadNullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
