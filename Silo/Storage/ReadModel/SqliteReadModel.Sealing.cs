using Microsoft.Data.Sqlite;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqliteReadModel : IClearBirthdaySealing
{
    private const int SealBatch = 1000;

    private const string ClearBirthdaysSql = "SELECT client_id, birthday FROM rm_clients WHERE birthday IS NOT NULL LIMIT @limit;";

    // Only while the row still holds the birthday that was read: a grain's write in between wins.
    private const string SealBirthdaySql = """
        UPDATE rm_clients SET birthday_sealed = @birthday_sealed, birthday = NULL
        WHERE client_id = @client_id AND birthday = @birthday;
        """;

    public async Task<int> SealClearBirthdays(CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var clear = new List<(string ClientId, string Birthday, DateOnly? Date)>();
            await using (var reading = database.OpenRead())
            await using (var query = reading.CreateCommand())
            {
                query.CommandText = ClearBirthdaysSql;
                query.Parameters.AddWithValue("@limit", SealBatch);
                await using var reader = await query.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    clear.Add((reader.GetString(0), reader.GetString(1), SqliteValues.ReadNullableDate(reader, 1)));
                }
            }

            if (clear.Count == 0)
            {
                break;
            }

            var sealedNow = await SealBatchAsync(clear, cancellationToken);
            total += sealedNow;
            if (sealedNow == 0)
            {
                break;
            }
        }

        if (total > 0)
        {
            // An update leaves the old bytes in the page's free space, on free pages and in the write-ahead log: the
            // clear birthdays would stay in the files. Rebuilding the file and emptying the log takes them out. It
            // runs once, after the upgrade that switched sealing on.
            await using var connection = await database.OpenWriteAsync(cancellationToken);
            await Execute(connection, "VACUUM;", cancellationToken);
            await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }

        return total;
    }

    private async Task<int> SealBatchAsync(List<(string ClientId, string Birthday, DateOnly? Date)> clear, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriteAsync(cancellationToken);
        var sealedCount = 0;
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SealBirthdaySql;
        foreach (var (clientId, birthday, date) in clear)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("@birthday_sealed", SealedBirthdays.Seal(sealer, clientId, date)!);
            command.Parameters.AddWithValue("@client_id", clientId);
            command.Parameters.AddWithValue("@birthday", birthday);
            sealedCount += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return sealedCount;
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
