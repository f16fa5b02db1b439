using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using WealthActors.Audit;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Storage.Audit;

/// <summary>
/// The audit chains in the embedded SQLite file: each entry is a statement of the file's group commit
/// (<see cref="SqliteStatementBatcher"/>), in the unit of the state write it records or in a unit of its own, sealed as
/// the batch runs and sharing its transaction with the grain writes beside it; reads use their own connections, which
/// WAL lets run beside the writer.
/// </summary>
internal sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    public Task AppendAsync(AuditChainInfo? newChain, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        var unit = new List<ReadModelWrite>(entries.Count + 1);
        if (newChain is not null)
        {
            unit.Add(ChainRow(newChain));
        }

        unit.AddRange(entries.Select(entry => new ReadModelWrite(AuditSql.InsertEntry, parameters => Bind(parameters, entry))));
        // One unit of the file's group commit: it commits with the grain writes queued beside it, or fails alone.
        return database.Writes.Execute([.. unit], CancellationToken.None);
    }

    public void Attach(IAuditSealer sealer) => database.Writes.Sealers.Add(sealer);

    public Task RecordChainAsync(AuditChainInfo chain) => database.Writes.Execute([ChainRow(chain)], CancellationToken.None);

    public Task AppendAsync(IAuditSealer sealer, AuditRecord record) =>
        database.Writes.Execute([Entry(new PendingAuditEntry(sealer, record))], CancellationToken.None);

    /// <summary>The statement that seals <paramref name="pending"/> as its batch is built, and inserts it.</summary>
    public static ReadModelWrite Entry(PendingAuditEntry pending) =>
        new(AuditSql.InsertEntry, parameters =>
        {
            var entry = pending.Sealer.Seal(pending.Record);
            pending.Sealed?.Invoke(entry);
            Bind(parameters, entry);
        });

    private static ReadModelWrite ChainRow(AuditChainInfo chain) => new(AuditSql.InsertChain, parameters =>
    {
        var typed = (SqliteParameterCollection)parameters;
        typed.AddWithValue("@chain_id", chain.ChainId);
        typed.AddWithValue("@started_at", AuditCanonicalForm.Instant(chain.StartedAt));
        typed.AddWithValue("@host", chain.Host);
    });

    private static void Bind(System.Data.Common.DbParameterCollection parameters, AuditEntry entry)
    {
        foreach (var (name, value) in AuditRows.Values(entry, Instant))
        {
            ((SqliteParameterCollection)parameters).AddWithValue("@" + name, value);
        }
    }

    public async Task<AuditChainHead?> ReadHeadAsync(string chainId, CancellationToken cancellationToken = default)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection, AuditSql.ReadHead);
        command.Parameters.AddWithValue("@chain_id", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? AuditRows.Read(reader, ReadInstant).Head : null;
    }

    public async Task<IReadOnlyList<string>> ChainIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection, AuditSql.ChainIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async IAsyncEnumerable<AuditEntry> ReadChainAsync(string chainId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection, AuditSql.ReadChain);
        command.Parameters.AddWithValue("@chain_id", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AuditRows.Read(reader, ReadInstant);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var (sql, parameters) = AuditSql.Query(query);
        await using var connection = database.OpenRead();
        await using var command = Command(connection, sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue("@" + parameter.Name, parameter.Value is DateTimeOffset at ? Instant(at) : parameter.Value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(AuditRows.Read(reader, ReadInstant));
        }

        return entries;
    }

    private static object Instant(DateTimeOffset at) => AuditCanonicalForm.Instant(at);

    private static DateTimeOffset ReadInstant(System.Data.Common.DbDataReader reader, int ordinal) =>
        AuditCanonicalForm.ParseInstant(reader.GetString(ordinal));

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
