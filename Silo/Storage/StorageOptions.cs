using Microsoft.Extensions.Options;

namespace WealthActors.Silo.Storage;

public enum StorageProvider
{
    /// <summary>The embedded default: one SQLite file for grain state, reminders and the read model.</summary>
    Sqlite = 0,

    /// <summary>Everything in memory and lost on stop. For tests only.</summary>
    Memory = 1,

    /// <summary>
    /// Production: grain state, reminders, cluster membership, the read model and Quartz in one PostgreSQL database
    /// (<c>ConnectionStrings:WealthActors</c>), for any number of silos.
    /// </summary>
    PostgreSql = 2,
}

/// <summary>SQLite write handling; the defaults suit the embedded single-silo deployment.</summary>
public enum SqliteSynchronous
{
    /// <summary>Under WAL a commit survives a process crash; only an OS crash or power loss may lose the last commits.</summary>
    Normal = 1,

    /// <summary>Every commit is flushed to disk; slower, survives power loss.</summary>
    Full = 2,
}

public sealed class SqliteStorageOptions
{
    /// <summary>The database file, relative to the content root unless rooted.</summary>
    public string Path { get; set; } = "data/wealthactors.db";

    /// <summary>How long SQLite itself retries a locked database (fine-grained) before the driver's coarse retry loop takes over.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>
    /// Connections that grain storage, reminders and read-model writes may hold at once. SQLite has one
    /// writer, so more only means more waiting on the file lock; queued callers wait asynchronously instead.
    /// </summary>
    public int MaxWriteConnections { get; set; } = 1;
}

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// The connection string name: the PostgreSQL database with <see cref="StorageProvider.PostgreSql"/>; with
    /// <see cref="StorageProvider.Sqlite"/>, when set, it overrides <see cref="SqliteStorageOptions.Path"/>.
    /// </summary>
    public const string ConnectionStringName = "WealthActors";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    /// <summary>
    /// PostgreSQL: apply the schema scripts when a silo starts (the default). Set it to false where a deployment step
    /// runs <c>migrate</c> with its own credentials; a silo then checks the schema and refuses to start on an old one.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary><c>ConnectionStrings:WealthActors</c>, read from outside the section (not bound from it).</summary>
    public string? ConnectionString { get; internal set; }

    /// <summary>Reads the section and the connection string once, for choosing providers while the host is configured.</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        var options = new StorageOptions();
        configuration.GetSection(SectionName).Bind(options);
        options.ConnectionString = configuration.GetConnectionString(ConnectionStringName);
        return options;
    }
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"Storage:Provider '{options.Provider}' is not one of {string.Join(", ", Enum.GetNames<StorageProvider>())}.");
        }

        if (options.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"Storage:Provider=PostgreSql needs ConnectionStrings:{StorageOptions.ConnectionStringName}.");
        }

        if (options.Provider == StorageProvider.Sqlite)
        {
            var sqlite = options.Sqlite;
            if (string.IsNullOrWhiteSpace(sqlite.Path))
            {
                failures.Add("Storage:Sqlite:Path must not be empty.");
            }

            if (sqlite.BusyTimeout <= TimeSpan.Zero || sqlite.BusyTimeout > TimeSpan.FromMinutes(1))
            {
                failures.Add("Storage:Sqlite:BusyTimeout must be between 0 and 1 minute.");
            }

            if (!Enum.IsDefined(sqlite.Synchronous))
            {
                failures.Add("Storage:Sqlite:Synchronous must be Normal or Full.");
            }

            if (sqlite.MaxWriteConnections is < 1 or > 16)
            {
                failures.Add("Storage:Sqlite:MaxWriteConnections must be between 1 and 16.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
