using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using WealthActors.Suitability;

namespace WealthActors.Silo.Suitability;

/// <summary>
/// The register and the evidence index in the silo's database, SQLite or PostgreSQL, with one set of statements: both
/// tables keep instants as Unix milliseconds, and both databases take <c>@name</c> parameters and <c>ON CONFLICT</c>.
/// </summary>
internal sealed class SuitabilitySql(
    Func<CancellationToken, Task<DbConnection>> openWrite,
    Func<CancellationToken, Task<DbConnection>> openRead) : ISuitabilityRegister, IEvidenceIndex
{
    private const string RecordSql = """
        INSERT INTO wa_suitability_register (entry_key, kind, at, client_id, branch_id, advisor_id, product_code, product_risk,
            client_risk, amount, reasons, subscription_id, status, decided_by, decided_at, note)
        VALUES (@key, @kind, @at, @client, @branch, @advisor, @product, @product_risk, @client_risk, @amount, @reasons,
            @subscription, @status, @decided_by, @decided_at, @note)
        ON CONFLICT (entry_key) DO UPDATE SET status = excluded.status, decided_by = excluded.decided_by,
            decided_at = excluded.decided_at, note = excluded.note, reasons = excluded.reasons
        """;

    private const string RegisterColumns =
        "entry_key, kind, at, client_id, branch_id, advisor_id, product_code, product_risk, client_risk, amount, reasons, subscription_id, status, decided_by, decided_at, note";

    private const string AddEvidenceSql = """
        INSERT INTO wa_evidence (evidence_id, kind, client_id, subscription_id, file_name, content_type, size_bytes, sha256,
            stored_path, stored_at, retain_until, uploaded_by)
        VALUES (@id, @kind, @client, @subscription, @file, @type, @size, @sha, @path, @stored, @retain, @by)
        """;

    private const string EvidenceColumns =
        "evidence_id, kind, client_id, subscription_id, file_name, content_type, size_bytes, sha256, stored_path, stored_at, retain_until, uploaded_by";

    public async Task Record(SuitabilityRegisterEntry e, CancellationToken cancellationToken = default)
    {
        await using var connection = await openWrite(cancellationToken);
        await using var command = Command(connection, RecordSql,
            ("key", e.Key), ("kind", e.Kind.ToString()), ("at", e.At.ToUnixTimeMilliseconds()), ("client", e.ClientId),
            ("branch", e.BranchId), ("advisor", e.AdvisorId), ("product", e.ProductCode), ("product_risk", e.ProductRisk.ToString()),
            ("client_risk", e.ClientRisk?.ToString()), ("amount", e.Amount.ToString(CultureInfo.InvariantCulture)),
            ("reasons", string.Join(',', e.Reasons)), ("subscription", e.SubscriptionId), ("status", e.Status),
            ("decided_by", e.DecidedBy), ("decided_at", e.DecidedAt?.ToUnixTimeMilliseconds()), ("note", e.Note));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SuitabilityRegisterEntry>> List(SuitabilityRegisterFilter f, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("limit", f.Limit) };
        void Add(string clause, string name, object value)
        {
            where.Add(clause);
            parameters.Add((name, value));
        }

        if (f.Kind is { } kind)
        {
            Add("kind = @kind", "kind", kind.ToString());
        }

        if (f.BranchId is { } branch)
        {
            Add("branch_id = @branch", "branch", branch);
        }

        if (f.ClientId is { } client)
        {
            Add("client_id = @client", "client", client);
        }

        if (f.From is { } from)
        {
            Add("at >= @from", "from", from.ToUnixTimeMilliseconds());
        }

        if (f.To is { } to)
        {
            Add("at < @to", "to", to.ToUnixTimeMilliseconds());
        }

        var sql = $"SELECT {RegisterColumns} FROM wa_suitability_register {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY at DESC, entry_key LIMIT @limit";

        await using var connection = await openRead(cancellationToken);
        await using var command = Command(connection, sql, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SuitabilityRegisterEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SuitabilityRegisterEntry(
                reader.GetString(0), Enum.Parse<SuitabilityRegisterKind>(reader.GetString(1)), Instant(reader.GetInt64(2)),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), Enum.Parse<ProductRisk>(reader.GetString(7)),
                reader.IsDBNull(8) ? null : Enum.Parse<RiskLevel>(reader.GetString(8)), decimal.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
                reader.GetString(10).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SuitabilityReason>).ToArray(),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : Instant(reader.GetInt64(14)), reader.IsDBNull(15) ? null : reader.GetString(15)));
        }

        return rows;
    }

    public async Task Add(EvidenceRecord r, CancellationToken cancellationToken = default)
    {
        await using var connection = await openWrite(cancellationToken);
        await using var command = Command(connection, AddEvidenceSql,
            ("id", r.EvidenceId), ("kind", r.Kind.ToString()), ("client", r.ClientId), ("subscription", r.SubscriptionId),
            ("file", r.FileName), ("type", r.ContentType), ("size", r.SizeBytes), ("sha", r.Sha256), ("path", r.StoredPath),
            ("stored", r.StoredAt.ToUnixTimeMilliseconds()), ("retain", r.RetainUntil.ToUnixTimeMilliseconds()), ("by", r.UploadedBy));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<EvidenceRecord?> Get(string evidenceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await openRead(cancellationToken);
        await using var command = Command(connection, $"SELECT {EvidenceColumns} FROM wa_evidence WHERE evidence_id = @id", ("id", evidenceId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Evidence(reader) : null;
    }

    public async IAsyncEnumerable<EvidenceRecord> All([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await openRead(cancellationToken);
        await using var command = Command(connection, $"SELECT {EvidenceColumns} FROM wa_evidence ORDER BY stored_at, evidence_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Evidence(reader);
        }
    }

    private static EvidenceRecord Evidence(DbDataReader r) => new(
        r.GetString(0), Enum.Parse<EvidenceKind>(r.GetString(1)), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
        r.GetString(5), r.GetInt64(6), r.GetString(7), r.GetString(8), Instant(r.GetInt64(9)), Instant(r.GetInt64(10)), r.GetString(11));

    private static DateTimeOffset Instant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }
}

/// <summary>The evidence index in this process's memory: the memory storage mode.</summary>
internal sealed class InMemoryEvidenceIndex : IEvidenceIndex
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EvidenceRecord> _records = new(StringComparer.Ordinal);

    public Task Add(EvidenceRecord record, CancellationToken cancellationToken = default) =>
        _records.TryAdd(record.EvidenceId, record) ? Task.CompletedTask : throw new InvalidOperationException($"Evidence '{record.EvidenceId}' exists.");

    public Task<EvidenceRecord?> Get(string evidenceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.GetValueOrDefault(evidenceId));

    public async IAsyncEnumerable<EvidenceRecord> All([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var record in _records.Values.OrderBy(r => r.StoredAt).ThenBy(r => r.EvidenceId, StringComparer.Ordinal))
        {
            yield return record;
        }
    }
}
