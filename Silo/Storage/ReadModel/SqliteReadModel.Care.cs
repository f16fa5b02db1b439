using Microsoft.Data.Sqlite;
using WealthActors.ReadModel;
using WealthActors.Silo.Care;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqliteReadModel : ICareScanQueries
{
    private const string DeleteHoldingsSql = "DELETE FROM rm_holdings WHERE client_id = @client_id;";

    private const string InsertHoldingSql = """
        INSERT INTO rm_holdings (client_id, product_code, product_name, maturity_date, amount)
        VALUES (@client_id, @product_code, @product_name, @maturity_date, @amount)
        ON CONFLICT (client_id, product_code) DO UPDATE SET
            product_name = excluded.product_name, maturity_date = excluded.maturity_date, amount = excluded.amount;
        """;

    /// <summary>Rows per ledger transaction: short transactions keep the single writer available to grains.</summary>
    private const int RecordBatch = 500;

    public Task<IReadOnlyList<CareCandidate>> BirthdayCandidates(DateOnly today, int leadDays, ClientTier minTier, CancellationToken cancellationToken = default) =>
        ScanAsync(CareScanSql.Birthday(CareScanSql.Sqlite, today, leadDays, minTier), cancellationToken);

    public Task<IReadOnlyList<CareCandidate>> MaturityCandidates(DateOnly today, IReadOnlyList<int> stageDays, CancellationToken cancellationToken = default) =>
        ScanAsync(CareScanSql.Maturity(today, stageDays), cancellationToken);

    public Task<IReadOnlyList<CareCandidate>> DormancyCandidates(DateTimeOffset contactBefore, CancellationToken cancellationToken = default) =>
        ScanAsync(CareScanSql.Dormancy(contactBefore), cancellationToken);

    public Task<IReadOnlyList<CareCandidate>> RiskExpiryCandidates(DateOnly today, int days, CancellationToken cancellationToken = default) =>
        ScanAsync(CareScanSql.RiskExpiry(today, days), cancellationToken);

    public async Task RecordOccurrences(IReadOnlyList<CareOccurrence> occurrences, CancellationToken cancellationToken = default)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        foreach (var batch in occurrences.Chunk(RecordBatch))
        {
            await using var connection = await database.OpenWriteAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = CareScanSql.RecordOccurrence;
            foreach (var occurrence in batch)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("@occurrence_key", occurrence.Key);
                command.Parameters.AddWithValue("@rule", occurrence.Rule);
                command.Parameters.AddWithValue("@client_id", occurrence.ClientId);
                command.Parameters.AddWithValue("@occurrence_on", SqliteValues.Date(occurrence.OccurrenceOn));
                command.Parameters.AddWithValue("@detail", SqliteValues.Nullable(occurrence.Detail));
                command.Parameters.AddWithValue("@stage", occurrence.Stage is { } stage ? stage : DBNull.Value);
                command.Parameters.AddWithValue("@contact_at", SqliteValues.Instant(occurrence.ContactAt));
                command.Parameters.AddWithValue("@recorded_at", SqliteValues.Instant(occurrence.RecordedAt));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The client row and, when it won against the stored one and carries holdings, its holdings, in one transaction.</summary>
    private async Task UpsertClientWithHoldings(ClientRow row, CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        await using var connection = await database.OpenWriteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UpsertClientSql;
        BindClient(command.Parameters, row);
        var won = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        if (won && row.Holdings is { } holdings)
        {
            command.Parameters.Clear();
            command.CommandText = DeleteHoldingsSql;
            command.Parameters.AddWithValue("@client_id", row.ClientId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.CommandText = InsertHoldingSql;
            foreach (var holding in holdings)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("@client_id", row.ClientId);
                command.Parameters.AddWithValue("@product_code", holding.ProductCode);
                command.Parameters.AddWithValue("@product_name", holding.ProductName);
                command.Parameters.AddWithValue("@maturity_date", SqliteValues.Date(holding.MaturityDate));
                command.Parameters.AddWithValue("@amount", SqliteValues.Decimal(holding.Amount));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<CareCandidate>> ScanAsync(
        (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) query, CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = query.Sql;
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.AddWithValue("@" + name, value switch
            {
                DateOnly date => SqliteValues.Date(date),
                DateTimeOffset instant => SqliteValues.Instant(instant),
                _ => value,
            });
        }

        var rows = new List<CareCandidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadCandidate(reader));
        }

        return rows;
    }

    private CareCandidate ReadCandidate(SqliteDataReader reader) => new(
        ClientId: reader.GetString(0),
        Name: reader.GetString(1),
        BranchId: reader.GetString(2),
        AdvisorId: reader.GetString(3),
        Tier: (ClientTier)reader.GetInt32(4),
        Vip: reader.GetBoolean(5),
        Aum: SqliteValues.ReadDecimal(reader, 6),
        Birthday: ReadBirthday(reader, 0, 7, 13),
        RiskExpiresOn: SqliteValues.ReadNullableDate(reader, 8),
        LastInteractionAt: SqliteValues.ReadNullableInstant(reader, 9),
        LastContactAt: SqliteValues.ReadNullableInstant(reader, 10),
        OpenComplaints: reader.GetInt32(11),
        Holdings: reader.GetInt32(12),
        Holding: reader.IsDBNull(14)
            ? null
            : new HoldingRow(reader.GetString(14), reader.GetString(15), SqliteValues.ReadNullableDate(reader, 16), SqliteValues.ReadDecimal(reader, 17)));
}
