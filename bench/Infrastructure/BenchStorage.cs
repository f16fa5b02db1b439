using System.Data.Common;
using Microsoft.Data.Sqlite;
using System.Text.RegularExpressions;
using Npgsql;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// Where a scenario's Silo keeps its state: a SQLite file in the run's temp folder (the default), a private
/// PostgreSQL server started for the run (<c>--storage postgres</c>), or the silo's memory (<c>--storage memory</c>,
/// for the silo's own limit: no database at all). Also opens read-only connections for the scenario's own look at
/// what was stored.
/// </summary>
public sealed partial class BenchStorage : IAsyncDisposable
{
    private readonly PostgresServer? _postgres;

    /// <summary>The Silo's setting for storage kept in its memory.</summary>
    private static readonly Dictionary<string, string> InMemory = new() { ["Storage__Provider"] = "Memory" };

    private BenchStorage(string kind, string sqliteFile, PostgresServer? postgres)
    {
        Kind = kind;
        SqliteFile = sqliteFile;
        _postgres = postgres;
    }

    /// <summary><c>sqlite</c>, <c>postgres</c> or <c>memory</c>, as the summary line prints it.</summary>
    public string Kind { get; }

    public bool IsPostgres => _postgres is not null;

    public bool IsMemory => Kind == "memory";

    /// <summary>The SQLite file (unused with PostgreSQL).</summary>
    public string SqliteFile { get; }

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("Not a PostgreSQL run.");

    public static async Task<BenchStorage> Start(BenchArgs args, TempDirectory temp, bool memoryAllowed = false)
    {
        var file = temp.File("wealthactors.db");
        if (args.Storage == "memory")
        {
            return memoryAllowed
                ? Memory(temp)
                : throw new ArgumentException($"--storage memory measures the silo's own limit in command-throughput; {args.Scenario} needs a database.");
        }

        if (args.Storage != "postgres")
        {
            return new BenchStorage("sqlite", file, null);
        }

        var sharedBuffers = args.Get("shared-buffers", PostgresServer.DefaultSharedBuffers);
        if (!SharedBuffersPattern().IsMatch(sharedBuffers))
        {
            throw new ArgumentException($"--shared-buffers takes a size such as 256MB or 4GB, not '{sharedBuffers}'.");
        }

        var server = await PostgresServer.Start(sharedBuffers);
        Out.Detail($"private PostgreSQL server on 127.0.0.1:{server.Port} (default durability: fsync and synchronous_commit on; {PostgresServer.Settings(sharedBuffers)})");
        return new BenchStorage("postgres", file, server);
    }

    /// <summary>The silo's memory: grain state, reminders, the read model and the audit trail kept by the process.</summary>
    public static BenchStorage Memory(TempDirectory temp) => new("memory", temp.File("memory-only.db"), null);

    /// <summary>Starts the real Silo on this storage.</summary>
    public Task<ChildSilo> StartSilo(IReadOnlyDictionary<string, string>? environment = null) =>
        ChildSilo.StartSilo(SqliteFile, MergedEnvironment(environment));

    /// <summary>Starts the bench host (the silo plus its diagnostics endpoints) on this storage.</summary>
    public Task<ChildSilo> StartInside(IReadOnlyDictionary<string, string>? environment = null) =>
        ChildSilo.StartInside(SqliteFile, MergedEnvironment(environment));

    private Dictionary<string, string> MergedEnvironment(IReadOnlyDictionary<string, string>? environment)
    {
        var merged = new Dictionary<string, string>(_postgres?.SiloEnvironment() ?? (IsMemory ? InMemory : new Dictionary<string, string>()));
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>An open connection to the stored data, or null when the SQLite file does not exist (storage overridden).</summary>
    public DbConnection? OpenReader()
    {
        if (_postgres is not null)
        {
            var connection = new NpgsqlConnection(_postgres.ConnectionString());
            connection.Open();
            return connection;
        }

        if (!File.Exists(SqliteFile))
        {
            return null;
        }

        var sqlite = new SqliteConnection($"Data Source={SqliteFile};Mode=ReadOnly");
        sqlite.Open();
        return sqlite;
    }

    /// <summary>
    /// What the stored data takes: the PostgreSQL database as the server counts it, or the SQLite file with its
    /// write-ahead log; null when there is no file (storage overridden).
    /// </summary>
    public long? DatabaseBytes()
    {
        if (_postgres is not null)
        {
            using var connection = OpenReader()!;
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT pg_database_size(current_database())";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var files = new[] { SqliteFile, SqliteFile + "-wal" }.Where(File.Exists).ToArray();
        return files.Length == 0 ? null : files.Sum(f => new FileInfo(f).Length);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [GeneratedRegex("^[0-9]+(kB|MB|GB)$")]
    private static partial Regex SharedBuffersPattern();
}
