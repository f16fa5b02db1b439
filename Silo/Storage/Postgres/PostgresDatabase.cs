using Npgsql;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>
/// The PostgreSQL database shared by grain state, reminders, cluster membership, the read model and Quartz: one
/// connection pool for the process and the schema migration.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The AdoNet invariant Orleans maps to Npgsql.</summary>
    public const string Invariant = "Npgsql";

    private readonly string _migrationConnectionString;
    private readonly SchemaMigrator _migrator;
    private readonly Lock _schemaLock = new();
    private Task? _schema;

    internal PostgresDatabase(string connectionString, ILoggerFactory loggerFactory)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new InvalidOperationException("ConnectionStrings:WealthActors must name a PostgreSQL Host and Database.");
        }

        // Every pooled connection serves the same few statements. Unless the operator chose otherwise: keep the
        // session on return (Npgsql would otherwise send DISCARD ALL, one extra statement per use that also drops
        // prepared statements; nothing here sets session state on a pooled connection), and prepare the statements a
        // connection runs repeatedly, so the server parses and plans each once per connection.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        ConnectionString = builder.ConnectionString;
        // No logger factory: Npgsql logs every command at Information; its failures surface as exceptions anyway.
        DataSource = NpgsqlDataSource.Create(ConnectionString);

        // The migration holds a session advisory lock that only closing the session releases, so its connection
        // bypasses the pool.
        _migrationConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;
        _migrator = new SchemaMigrator(new PostgresSchemaDialect(), loggerFactory.CreateLogger<SchemaMigrator>());
    }

    public string ConnectionString { get; }

    /// <summary>The pooled data source for Orleans' AdoNet options, the read model and Quartz.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Applies the schema once per process; later calls return the finished run (a failed run is retried).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        lock (_schemaLock)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                // Not tied to the first caller's token: other callers share this run.
                _schema = MigrateAsync(CancellationToken.None);
            }

            return _schema.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Applies what is missing and returns the scripts this call applied.</summary>
    public async Task<IReadOnlyList<SchemaScript>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(_migrationConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await _migrator.MigrateAsync(connection, cancellationToken);
    }

    /// <summary>The scripts not yet applied (or changed since), without applying anything.</summary>
    public async Task<IReadOnlyList<SchemaScript>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await _migrator.PendingAsync(connection, cancellationToken);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    // A container disposed synchronously (a test's ServiceProvider) must not throw.
    public void Dispose() => DataSource.Dispose();
}
