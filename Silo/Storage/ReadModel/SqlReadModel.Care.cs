using System.Data.Common;
using WealthActors.ReadModel;
using WealthActors.Silo.Care;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqlReadModel : ICareScanQueries
{
    // Holdings follow the client row only when that row won (a projection older than the stored one is ignored). In the
    // same transaction, right after the upsert, the stored row carries this projection's time exactly when it won.
    private const string ClientRowWon = "EXISTS (SELECT 1 FROM rm_clients WHERE client_id = @client_id AND updated_at = @updated_at)";

    private const string DeleteHoldingsSql = $"DELETE FROM rm_holdings WHERE client_id = @client_id AND {ClientRowWon};";

    // The WHERE clause also keeps SQLite's parser from reading ON CONFLICT as a join constraint of the SELECT.
    private const string InsertHoldingSql = $"""
        INSERT INTO rm_holdings (client_id, product_code, product_name, maturity_date, amount)
        SELECT @client_id, @product_code, @product_name, @maturity_date, @amount
        WHERE {ClientRowWon}
        ON CONFLICT (client_id, product_code) DO UPDATE SET
            product_name = excluded.product_name, maturity_date = excluded.maturity_date, amount = excluded.amount;
        """;

    public Task<IReadOnlyList<CareCandidate>> BirthdayCandidates(DateOnly today, int leadDays, ClientTier minTier, CancellationToken cancellationToken = default) =>
        ScanAsync(CareScanSql.Birthday(_dialect, today, leadDays, minTier), cancellationToken);

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
        foreach (var chunk in occurrences.OrderBy(o => o.Key, StringComparer.Ordinal).Chunk(_dialect.LedgerBatch))
        {
            await using var connection = await _dialect.OpenWriteAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var occurrence in chunk)
            {
                // A command per row: Npgsql prepares a command it has run a few times and then keeps the parameters it
                // was prepared with, so one command with its parameters cleared and added again would repeat a row.
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = CareScanSql.RecordOccurrence;
                var parameters = Parameters(command.Parameters);
                parameters.Text("occurrence_key", occurrence.Key);
                parameters.Text("rule", occurrence.Rule);
                parameters.Text("client_id", occurrence.ClientId);
                parameters.Date("occurrence_on", occurrence.OccurrenceOn);
                parameters.Text("detail", occurrence.Detail);
                parameters.Integer("stage", occurrence.Stage);
                parameters.Instant("contact_at", occurrence.ContactAt);
                parameters.Instant("recorded_at", occurrence.RecordedAt);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The client row and, when it won against the stored one and carries holdings, its holdings: one unit, so it
    /// commits with the other projections of the moment instead of in a transaction of its own; a storage that commits
    /// it with the state takes it from here.
    /// </summary>
    internal ReadModelWrite[] ClientWrites(ClientRow row)
    {
        // New interactions go in the row's own unit: on PostgreSQL that is the client's state write.
        var clientWrites = ClientAndHoldingWrites(row);
        return row.NewInteractions is { Count: > 0 } interactions
            ? [.. clientWrites, .. InteractionWrites(row.ClientId, interactions)]
            : clientWrites;
    }

    private ReadModelWrite[] ClientAndHoldingWrites(ClientRow row)
    {
        if (row.Holdings is not { } holdings)
        {
            return [new ReadModelWrite(_upsertClientSql, bound => BindClient(Parameters(bound), row))];
        }

        var unit = new ReadModelWrite[2 + holdings.Count];
        unit[0] = new ReadModelWrite(_upsertClientSql, bound => BindClient(Parameters(bound), row));
        unit[1] = new ReadModelWrite(DeleteHoldingsSql, bound =>
        {
            var parameters = Parameters(bound);
            parameters.Text("client_id", row.ClientId);
            parameters.Instant("updated_at", row.UpdatedAt);
        });
        for (var i = 0; i < holdings.Count; i++)
        {
            var holding = holdings[i];
            unit[2 + i] = new ReadModelWrite(InsertHoldingSql, bound =>
            {
                var parameters = Parameters(bound);
                parameters.Text("client_id", row.ClientId);
                parameters.Instant("updated_at", row.UpdatedAt);
                parameters.Text("product_code", holding.ProductCode);
                parameters.Text("product_name", holding.ProductName);
                parameters.Date("maturity_date", holding.MaturityDate);
                parameters.Decimal("amount", holding.Amount);
            });
        }

        return unit;
    }

    private Task<IReadOnlyList<CareCandidate>> ScanAsync(
        (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) query, CancellationToken cancellationToken) =>
        QueryAsync(query.Sql, parameters => parameters.Values(query.Parameters), ReadCandidate, cancellationToken);

    private CareCandidate ReadCandidate(DbDataReader reader) => new(
        ClientId: reader.GetString(0),
        Name: reader.GetString(1),
        BranchId: reader.GetString(2),
        AdvisorId: reader.GetString(3),
        Tier: (ClientTier)reader.GetInt32(4),
        Vip: reader.GetBoolean(5),
        Aum: _dialect.ReadDecimal(reader, 6),
        Birthday: ReadBirthday(reader, 0, 7, 13),
        RiskExpiresOn: ReadNullableDate(reader, 8),
        LastInteractionAt: ReadNullableInstant(reader, 9),
        LastContactAt: ReadNullableInstant(reader, 10),
        OpenComplaints: reader.GetInt32(11),
        Holdings: (int)reader.GetInt64(12),
        Holding: reader.IsDBNull(14)
            ? null
            : new HoldingRow(reader.GetString(14), reader.GetString(15), ReadNullableDate(reader, 16), _dialect.ReadDecimal(reader, 17)));
}
