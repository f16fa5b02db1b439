using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using WealthActors.Audit;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Storage.Audit;

/// <summary>
/// The audit chains in the PostgreSQL database. Entries go in the statement batcher's write batches that grain state,
/// reminders and the read model share, either in the unit of the state write they record or in a unit of their own;
/// the batch seals them as it is built and inserts them at its end as one statement (the rows as arrays, unnested), so
/// the trail adds rows to commits the silo makes anyway rather than commits of its own (docs/BENCHMARKS.md).
/// </summary>
internal sealed class PostgresAuditStore(PostgresDatabase database, PostgresStatementBatcher batches) : IAuditStore
{
    // One text whatever the batch size, so each pooled connection prepares it once.
    private const string InsertEntries = $"""
        INSERT INTO audit_entries ({AuditSql.Columns})
        SELECT @chain_id, * FROM unnest(@sequence, @at, @employee_id, @key_name, @door, @channel, @client_address, @action,
            @target_type, @target_id, @outcome, @digest, @algorithm, @previous_hash, @hash);
        """;

    public Task AppendAsync(AuditChainInfo? newChain, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        var unit = new List<PostgresStatement>(2);
        if (newChain is not null)
        {
            unit.Add(ChainRow(newChain));
        }

        unit.Add(Insert(entries));
        // One unit of the shared batch: it commits with the grain writes queued beside it, or fails alone.
        return batches.Execute([.. unit], CancellationToken.None);
    }

    public void Attach(IAuditSealer sealer) => batches.Sealers.Add(sealer);

    public Task RecordChainAsync(AuditChainInfo chain) => batches.Execute([ChainRow(chain)], CancellationToken.None);

    public Task AppendAsync(IAuditSealer sealer, AuditRecord record) =>
        batches.Execute([PostgresStatement.Of(new PendingAuditEntry(sealer, record))], CancellationToken.None);

    /// <summary>Entries of one chain, consecutive, as one statement.</summary>
    internal static PostgresStatement Insert(IReadOnlyList<AuditEntry> entries) => new(InsertEntries, parameters => BindEntries(parameters, entries));

    private static PostgresStatement ChainRow(AuditChainInfo chain) => new(AuditSql.InsertChain, parameters =>
    {
        parameters.AddWithValue("chain_id", chain.ChainId);
        parameters.AddWithValue("started_at", AuditCanonicalForm.Truncate(chain.StartedAt));
        parameters.AddWithValue("host", chain.Host);
    });

    public async Task<AuditChainHead?> ReadHeadAsync(string chainId, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(AuditSql.ReadHead);
        command.Parameters.AddWithValue("chain_id", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? AuditRows.Read(reader, ReadInstant).Head : null;
    }

    public async Task<IReadOnlyList<string>> ChainIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(AuditSql.ChainIds);
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
        await using var command = database.DataSource.CreateCommand(AuditSql.ReadChain);
        command.Parameters.AddWithValue("chain_id", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AuditRows.Read(reader, ReadInstant);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var (sql, parameters) = AuditSql.Query(query);
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(AuditRows.Read(reader, ReadInstant));
        }

        return entries;
    }

    internal static void BindEntries(NpgsqlParameterCollection parameters, IReadOnlyList<AuditEntry> entries)
    {
        parameters.AddWithValue("chain_id", entries[0].ChainId);
        parameters.Add(new NpgsqlParameter<long[]>("sequence", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. entries.Select(e => e.Sequence)] });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. entries.Select(e => e.At)] });
        Texts(parameters, "employee_id", entries, e => e.Record.EmployeeId);
        Texts(parameters, "key_name", entries, e => e.Record.KeyName);
        Texts(parameters, "door", entries, e => e.Record.Door);
        Texts(parameters, "channel", entries, e => e.Record.Channel);
        Texts(parameters, "client_address", entries, e => e.Record.ClientAddress);
        Texts(parameters, "action", entries, e => e.Record.Action);
        Texts(parameters, "target_type", entries, e => e.Record.TargetType);
        Texts(parameters, "target_id", entries, e => e.Record.TargetId);
        Texts(parameters, "outcome", entries, e => e.Record.Outcome);
        Texts(parameters, "digest", entries, e => e.Record.Digest);
        Texts(parameters, "algorithm", entries, e => e.Algorithm);
        Texts(parameters, "previous_hash", entries, e => e.PreviousHash);
        Texts(parameters, "hash", entries, e => e.Hash);
    }

    private static void Texts(NpgsqlParameterCollection parameters, string name, IReadOnlyList<AuditEntry> entries, Func<AuditEntry, string?> value) =>
        parameters.Add(new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. entries.Select(value)] });

    private static DateTimeOffset ReadInstant(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);
}
