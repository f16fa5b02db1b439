using System.Data.Common;
using System.Globalization;

namespace WealthActors.Silo.Storage;

/// <summary>
/// Applies a dialect's embedded scripts in version order and records each in <c>wa_schema_versions</c>, so
/// running it again applies only what is new. Each script runs in its own transaction together with its
/// record, so a failed script leaves no half-applied version behind.
/// </summary>
/// <remarks>
/// The bookkeeping statements are plain SQL that SQLite and PostgreSQL both accept (<c>@name</c> parameters,
/// <c>ON CONFLICT</c>), so a new dialect only adds its scripts folder and an <see cref="ISchemaDialect"/>.
/// </remarks>
public sealed partial class SchemaMigrator(ISchemaDialect dialect, ILogger<SchemaMigrator> logger, TimeProvider? timeProvider = null)
{
    public const string VersionTable = "wa_schema_versions";

    private const string CreateVersionTableSql = $"""
        CREATE TABLE IF NOT EXISTS {VersionTable}
        (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            checksum   TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        );
        """;

    private const string ReadChecksumSql = $"SELECT checksum FROM {VersionTable} WHERE version = @version;";

    private const string RecordSql = $"""
        INSERT INTO {VersionTable} (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @applied_at)
        ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum, applied_at = excluded.applied_at;
        """;

    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Brings the database on <paramref name="connection"/> (already open) up to date.</summary>
    /// <returns>The scripts that were applied by this call; empty when the schema was current.</returns>
    public Task<IReadOnlyList<SchemaScript>> MigrateAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        MigrateAsync(connection, upToVersion: null, cancellationToken);

    /// <summary>
    /// Applies the scripts up to and including <paramref name="upToVersion"/> (all when null). Scripts are immutable
    /// once released, so the first N scripts are exactly the schema of release N: tests build an older database
    /// this way and then upgrade it.
    /// </summary>
    public async Task<IReadOnlyList<SchemaScript>> MigrateAsync(DbConnection connection, int? upToVersion, CancellationToken cancellationToken = default)
    {
        await dialect.PrepareAsync(connection, cancellationToken);
        await ExecuteAsync(connection, null, CreateVersionTableSql, cancellationToken);

        var applied = new List<SchemaScript>();
        foreach (var script in SchemaScript.Load(dialect.Name).Where(s => upToVersion is null || s.Version <= upToVersion))
        {
            // The check happens inside the transaction: SQLite begins it IMMEDIATE (holding the write lock),
            // so a second process migrating at the same time waits and then sees the script as applied.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var recorded = await ReadChecksumAsync(connection, transaction, script.Version, cancellationToken);
            if (recorded == script.Checksum)
            {
                continue;
            }

            if (recorded is not null && !script.IsRepeatable)
            {
                throw new InvalidOperationException(
                    $"Schema script {script.Name} was changed after it was applied to this database. Applied scripts are " +
                    "immutable: add a new script instead (a development database can simply be deleted).");
            }

            await ExecuteAsync(connection, transaction, script.Text, cancellationToken);
            await RecordAsync(connection, transaction, script, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogApplied(dialect.Name, script.Name);
            applied.Add(script);
        }

        return applied;
    }

    /// <summary>
    /// The scripts that <see cref="MigrateAsync(DbConnection, CancellationToken)"/> would apply, read without
    /// locking or changing anything: for a silo that must not migrate but should refuse an outdated schema.
    /// </summary>
    public async Task<IReadOnlyList<SchemaScript>> PendingAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        var recorded = new Dictionary<int, string>();
        try
        {
            await using var command = CreateCommand(connection, null, $"SELECT version, checksum FROM {VersionTable};");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                recorded[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
            }
        }
        catch (DbException)
        {
            // No version table yet: a database nothing was ever applied to.
        }

        return SchemaScript.Load(dialect.Name)
            .Where(script => !recorded.TryGetValue(script.Version, out var checksum) || checksum != script.Checksum)
            .ToList();
    }

    private static async Task<string?> ReadChecksumAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, ReadChecksumSql);
        AddParameter(command, "version", version);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, RecordSql);
        AddParameter(command, "version", script.Version);
        AddParameter(command, "name", script.Name);
        AddParameter(command, "checksum", script.Checksum);
        AddParameter(command, "applied_at", _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Dialect} schema script {Script}")]
    private partial void LogApplied(string dialect, string script);
}
