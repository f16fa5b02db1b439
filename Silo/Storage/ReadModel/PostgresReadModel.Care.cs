using Npgsql;
using NpgsqlTypes;
using WealthActors.ReadModel;
using WealthActors.Silo.Care;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class PostgresReadModel : ICareScanQueries
{
    // Holdings follow the client row only when that row won (a projection older than the stored one is ignored). In the
    // same transaction, right after the upsert, the stored row carries this projection's time exactly when it won.
    private const string ClientRowWon = "EXISTS (SELECT 1 FROM rm_clients WHERE client_id = @client_id AND updated_at = @updated_at)";

    private const string DeleteHoldingsSql = $"DELETE FROM rm_holdings WHERE client_id = @client_id AND {ClientRowWon};";

    private const string InsertHoldingSql = $"""
        INSERT INTO rm_holdings (client_id, product_code, product_name, maturity_date, amount)
        SELECT @client_id, @product_code, @product_name, @maturity_date, @amount
        WHERE {ClientRowWon}
        ON CONFLICT (client_id, product_code) DO UPDATE SET
            product_name = excluded.product_name, maturity_date = excluded.maturity_date, amount = excluded.amount;
        """;

    public Task<IReadOnlyList<CareCandidate>> BirthdayCandidates(DateOnly today, int leadDays, ClientTier minTier, CancellationToken cancellationToken = default) =>
        ScanAsync(CareScanSql.Birthday(CareScanSql.Postgres, today, leadDays, minTier), cancellationToken);

    public Task<IReadOnlyList<CareCandidate>> MaturityCandidates(DateOnly today, IReadOnlyList<int> stageDays, CancellationToken cancellationToken = default) =>
        ScanAsync(CareScanSql.Maturity(today, stageDays), cancellationToken);

    public Task<IReadOnlyList<CareCandidate>> DormancyCandidates(DateTimeOffset contactBefore, CancellationToken cancellationToken = default) =>
        ScanAsync(CareScanSql.Dormancy(contactBefore), cancellationToken);

    public Task<IReadOnlyList<CareCandidate>> RiskExpiryCandidates(DateOnly today, int days, CancellationToken cancellationToken = default) =>
        ScanAsync(CareScanSql.RiskExpiry(today, days), cancellationToken);

    public async Task RecordOccurrences(IReadOnlyList<CareOccurrence> occurrences, CancellationToken cancellationToken = default)
    {
        // Key order in every transaction: two silos recording overlapping occurrences at once (a hand run racing the
        // scheduled one) then wait for each other instead of deadlocking on each other's uncommitted keys.
        foreach (var chunk in occurrences.OrderBy(o => o.Key, StringComparer.Ordinal).Chunk(1000))
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var occurrence in chunk)
            {
                await using var command = new NpgsqlCommand(CareScanSql.RecordOccurrence, connection, transaction);
                command.Parameters.Bind("occurrence_key", occurrence.Key);
                command.Parameters.Bind("rule", occurrence.Rule);
                command.Parameters.Bind("client_id", occurrence.ClientId);
                command.Parameters.Bind("occurrence_on", occurrence.OccurrenceOn);
                command.Parameters.Bind("detail", occurrence.Detail);
                command.Parameters.Add(new NpgsqlParameter("stage", NpgsqlDbType.Integer) { Value = occurrence.Stage is { } stage ? stage : DBNull.Value });
                command.Parameters.Bind("contact_at", occurrence.ContactAt);
                command.Parameters.Bind("recorded_at", occurrence.RecordedAt);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The client row and, when it won against the stored one and carries holdings, its holdings: one unit of the write
    /// batch, so it commits with the other projections of the moment instead of in a transaction of its own.
    /// </summary>
    private PostgresStatement[] ClientStatements(ClientRow row)
    {
        var unit = new List<PostgresStatement> { new(UpsertClientSql, parameters => BindClient(parameters, row)) };
        if (row.Holdings is { } holdings)
        {
            unit.Add(new PostgresStatement(DeleteHoldingsSql, parameters =>
            {
                parameters.Bind("client_id", row.ClientId);
                parameters.Bind("updated_at", row.UpdatedAt);
            }));
            unit.AddRange(holdings.Select(holding => new PostgresStatement(InsertHoldingSql, parameters =>
            {
                parameters.Bind("client_id", row.ClientId);
                parameters.Bind("updated_at", row.UpdatedAt);
                parameters.Bind("product_code", holding.ProductCode);
                parameters.Bind("product_name", holding.ProductName);
                parameters.Bind("maturity_date", holding.MaturityDate);
                parameters.Bind("amount", holding.Amount);
            })));
        }

        return [.. unit];
    }

    private async Task<IReadOnlyList<CareCandidate>> ScanAsync(
        (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) query, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(query.Sql);
        foreach (var (name, value) in query.Parameters)
        {
            switch (value)
            {
                case int number: command.Parameters.Bind(name, number); break;
                case DateOnly date: command.Parameters.Bind(name, (DateOnly?)date); break;
                case DateTimeOffset instant: command.Parameters.Bind(name, instant); break;
                default: command.Parameters.Bind(name, (string)value); break;
            }
        }

        var rows = new List<CareCandidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadCandidate(reader));
        }

        return rows;
    }

    private CareCandidate ReadCandidate(NpgsqlDataReader reader) => new(
        ClientId: reader.GetString(0),
        Name: reader.GetString(1),
        BranchId: reader.GetString(2),
        AdvisorId: reader.GetString(3),
        Tier: (ClientTier)reader.GetInt32(4),
        Vip: reader.GetBoolean(5),
        Aum: reader.GetDecimal(6),
        Birthday: ReadBirthday(reader, 0, 7, 13),
        RiskExpiresOn: reader.ReadNullableDate(8),
        LastInteractionAt: reader.ReadNullableInstant(9),
        LastContactAt: reader.ReadNullableInstant(10),
        OpenComplaints: reader.GetInt32(11),
        Holdings: (int)reader.GetInt64(12),
        Holding: reader.IsDBNull(14)
            ? null
            : new HoldingRow(reader.GetString(14), reader.GetString(15), reader.ReadNullableDate(16), reader.GetDecimal(17)));
}
