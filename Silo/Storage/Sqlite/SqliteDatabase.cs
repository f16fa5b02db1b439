using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// The embedded SQLite file shared by grain state, reminders and the read model: its connection string, the
/// gated data source every writer opens connections from, and the one-time schema bootstrap.
/// </summary>
/// <remarks>
/// Write handling, since SQLite has a single writer and Microsoft.Data.Sqlite answers a locked file by sleeping
/// ~150 ms per retry:
/// <list type="bullet">
/// <item>WAL (set once by the migrator; it persists in the file): readers never wait for the writer.</item>
/// <item><c>PRAGMA busy_timeout</c> on every connection: SQLite's own wait backs off in 1–100 ms steps, far finer
/// than the driver's 150 ms sleep, which it only reaches after the timeout.</item>
/// <item><c>PRAGMA synchronous = NORMAL</c> on every connection: under WAL a commit then needs no fsync and still
/// survives a crash of the process (only an OS crash or power loss can lose the last commits, never corrupt the
/// file). Neither pragma persists in the file and Microsoft.Data.Sqlite has no connection-string keyword for them,
/// so they are run by the data source each time it opens a connection: a few microseconds on a pooled one.</item>
/// <item>Writers (the group commit, which carries the audit trail too, care runs, imports) share a gate of
/// <see cref="SqliteStorageOptions.MaxWriteConnections"/> slots, waited for asynchronously, so a burst of grain
/// writes queues in memory instead of in lock retries that block thread-pool threads.</item>
/// <item>Grain-state, reminder and read-model writes share transactions (<see cref="Writes"/>), so a burst pays one
/// commit per batch rather than one per write; <c>Cache=Private</c> because a shared cache reports table locks that no
/// busy timeout waits for; <c>Pooling=True</c> to reuse open handles.</item>
/// </list>
/// </remarks>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>The AdoNet invariant Orleans maps to Microsoft.Data.Sqlite's SqliteFactory.</summary>
    public const string Invariant = "System.Data.SQLite";

    private readonly SchemaMigrator _migrator;
    private readonly Lock _schemaLock = new();
    private Task? _schema;

    internal SqliteDatabase(SqliteStorageOptions options, string? connectionString, string contentRoot, ILoggerFactory loggerFactory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString ?? string.Empty);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            builder.DataSource = options.Path;
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new InvalidOperationException("The SQLite storage needs a database file; in-memory SQLite is not supported (use Storage:Provider=Memory).");
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.Cache = SqliteCacheMode.Private;
        builder.Pooling = true;

        FilePath = builder.DataSource;
        ConnectionString = builder.ToString();
        SqliteFileMode.Prepare(FilePath, loggerFactory.CreateLogger<SqliteDatabase>());

        var pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {options.Synchronous.ToString().ToUpperInvariant()};");
        WriteGate = new SemaphoreSlim(options.MaxWriteConnections);
        WriteDataSource = new SqliteDataSource(ConnectionString, WriteGate, pragmas);
        ReadDataSource = new SqliteDataSource(ConnectionString, gate: null, pragmas);
        _migrator = new SchemaMigrator(new SqliteSchemaDialect(), loggerFactory.CreateLogger<SchemaMigrator>());
        Checkpoints = new SqliteCheckpointer(this);
        Writes = new SqliteStatementBatcher(this);
        OrleansQueries = new OrleansQueryTexts(OpenReadAfterSchemaAsync);
    }

    public string ConnectionString { get; }

    public string FilePath { get; }

    /// <summary>Gated, pragma-setting data source for Orleans' AdoNet options and every writer.</summary>
    public DbDataSource WriteDataSource { get; }

    /// <summary>
    /// Ungated, pragma-setting data source for queries (<see cref="OpenRead"/>) and for Orleans' AdoNet reminder table,
    /// which only reads: its writes go through <see cref="Writes"/>.
    /// </summary>
    public DbDataSource ReadDataSource { get; }

    /// <summary>The slots every writer of the file takes; a connection of <see cref="WriteDataSource"/> holds one while open.</summary>
    internal SemaphoreSlim WriteGate { get; }

    /// <summary>The group commit every grain-state and read-model write of this file goes through.</summary>
    internal SqliteStatementBatcher Writes { get; }

    /// <summary>Copies the group commit's log into the file beside it (<see cref="SqliteCheckpointer"/>).</summary>
    internal SqliteCheckpointer Checkpoints { get; }

    /// <summary>The statements Orleans keeps in <c>OrleansQuery</c>, for the writes batched beside its provider.</summary>
    internal OrleansQueryTexts OrleansQueries { get; }

    /// <summary>Applies the schema once per process; later calls return the finished run (a failed run is retried).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        lock (_schemaLock)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                // Not tied to the first caller's token: other callers share this run.
                _schema = MigrateAsync();
            }

            return _schema.WaitAsync(cancellationToken);
        }
    }

    internal async ValueTask<SqliteConnection> OpenWriteAsync(CancellationToken cancellationToken) =>
        (SqliteConnection)await WriteDataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// An ungated connection with the file's pragmas: for queries (under WAL readers do not wait for the writer), for the
    /// checkpointer, and for the group commit, which keeps its connection open and takes <see cref="WriteGate"/> per batch.
    /// </summary>
    internal SqliteConnection OpenRead() => (SqliteConnection)ReadDataSource.OpenConnection();

    /// <summary>Closes this file's idle pooled connections, so the last close checkpoints the WAL.</summary>
    public void Dispose()
    {
        Writes.Dispose();
        Checkpoints.Dispose();
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<DbConnection> OpenReadAfterSchemaAsync()
    {
        await EnsureSchemaAsync();
        return OpenRead();
    }

    private async Task MigrateAsync()
    {
        await using var connection = await OpenWriteAsync(CancellationToken.None);
        await _migrator.MigrateAsync(connection, CancellationToken.None);
    }
}
