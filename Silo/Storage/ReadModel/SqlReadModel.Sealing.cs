namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqlReadModel : IClearBirthdaySealing
{
    private const int SealBatch = 1000;

    private const string ClearBirthdaysSql = "SELECT client_id, birthday FROM rm_clients WHERE birthday IS NOT NULL ORDER BY client_id LIMIT @limit;";

    // Only while the row still holds the birthday that was read: a grain's write, or another silo sealing the same row
    // as it starts, wins.
    private const string SealBirthdaySql = """
        UPDATE rm_clients SET birthday_sealed = @birthday_sealed, birthday = NULL
        WHERE client_id = @client_id AND birthday = @birthday;
        """;

    public async Task<int> SealClearBirthdays(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var clear = await ReadAsync(ClearBirthdaysSql, SealBatch, _ => { },
                reader => (ClientId: reader.GetString(0), Birthday: _dialect.ReadDate(reader, 1)), cancellationToken);
            var sealedNow = clear.Count == 0 ? 0 : await SealBatchAsync(clear, cancellationToken);
            total += sealedNow;
            if (sealedNow == 0)
            {
                // Nothing left, or every row read was changed meanwhile: what is left is another silo's to seal.
                break;
            }
        }

        if (total > 0)
        {
            await _dialect.AfterSealingAsync(cancellationToken);
        }

        return total;
    }

    private async Task<int> SealBatchAsync(IReadOnlyList<(string ClientId, DateOnly Birthday)> clear, CancellationToken cancellationToken)
    {
        var sealedCount = 0;
        await using var connection = await _dialect.OpenWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (clientId, birthday) in clear)
        {
            // A command per row, as in RecordOccurrences: a prepared command would keep its first parameters.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SealBirthdaySql;
            var parameters = Parameters(command.Parameters);
            parameters.Bytes("birthday_sealed", SealedBirthdays.Seal(_sealer, clientId, birthday));
            parameters.Text("client_id", clientId);
            parameters.Date("birthday", birthday);
            sealedCount += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return sealedCount;
    }
}
