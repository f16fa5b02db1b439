using Npgsql;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class PostgresReadModel : IClearBirthdaySealing
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
            var clear = new List<(string ClientId, DateOnly Birthday)>();
            await using (var query = database.DataSource.CreateCommand(ClearBirthdaysSql))
            {
                query.Parameters.Bind("limit", SealBatch);
                await using var reader = await query.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    clear.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1)));
                }
            }

            if (clear.Count == 0)
            {
                return total;
            }

            var sealedNow = 0;
            await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                foreach (var (clientId, birthday) in clear)
                {
                    await using var command = new NpgsqlCommand(SealBirthdaySql, connection, transaction);
                    command.Parameters.Bind("birthday_sealed", SealedBirthdays.Seal(sealer, clientId, birthday));
                    command.Parameters.Bind("client_id", clientId);
                    command.Parameters.Bind("birthday", (DateOnly?)birthday);
                    sealedNow += await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            total += sealedNow;
            if (sealedNow == 0)
            {
                // Every row read was changed meanwhile; what is left is another silo's to seal.
                return total;
            }
        }
    }
}
