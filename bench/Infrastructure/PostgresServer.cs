using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using WealthActors.Testing;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// A private PostgreSQL server (<see cref="PrivatePostgres"/>) for one benchmark run, on a free loopback port, stopped
/// and removed afterwards. Settings are the server's defaults (durable commits) apart from the connection limit, which
/// must admit the silo's pool and 64 raw callers at once, and a larger buffer cache.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly PrivatePostgres _server;

    /// <summary>
    /// The buffer cache unless a run asks for another (<c>--shared-buffers</c>): it holds the working set of the runs up to
    /// 100,000 cases. At a million the indexes outgrow it, and the server's own processes then write out evicted pages
    /// in the middle of the silo's commits.
    /// </summary>
    public const string DefaultSharedBuffers = "256MB";

    /// <summary>
    /// Server settings for a write-heavy service, as README's production notes give them: room for the connection pools,
    /// and a write-ahead log large enough that checkpoints come on the timer rather than being forced by its volume.
    /// </summary>
    public static string Settings(string sharedBuffers) => $"-c max_connections=300 -c shared_buffers={sharedBuffers} -c max_wal_size=4GB";

    // The key ring the run's silos share, as every silo of a PostgreSQL cluster must: personal data is sealed at rest.
    private readonly string _sealingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private PostgresServer(PrivatePostgres server) => _server = server;

    public int Port => _server.Port;

    /// <summary>Starts a server with an empty database <c>wealthactors</c>.</summary>
    public static async Task<PostgresServer> Start(string sharedBuffers = DefaultSharedBuffers)
    {
        var server = new PostgresServer(
            await PrivatePostgres.Start("wealthactors-bench-pg-", FreePort.Next(), Settings(sharedBuffers) + " " + PostgresServerLog.Settings));
        try
        {
            await server._server.CreateDatabase("wealthactors");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the server has logged so far (see <see cref="PostgresServerLog"/>).</summary>
    public Task<string> ServerLog() => _server.ServerLog();

    /// <summary>The product's database; <paramref name="maxPoolSize"/> bounds one client's pool.</summary>
    public string ConnectionString(string database = "wealthactors", int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString(database));
        if (maxPoolSize is { } size)
        {
            builder.MaxPoolSize = size;
        }

        return builder.ConnectionString;
    }

    /// <summary>The environment that puts the real Silo on this server, as an operator would set it.</summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment() => new Dictionary<string, string>
    {
        ["Storage__Provider"] = "PostgreSql",
        ["ConnectionStrings__WealthActors"] = ConnectionString(),
        // The external client connects to loopback: the silo must advertise (and so listen on) it.
        ["Orleans__AdvertisedAddress"] = "127.0.0.1",
        ["Security__DataProtection__Keys__0__Id"] = "bench",
        ["Security__DataProtection__Keys__0__Key"] = _sealingKey,
        ["Security__DataProtection__CurrentKeyId"] = "bench",
    };

    /// <summary>
    /// CPU time (user and system) the server has used so far: the postmaster and its live backends, plus what its
    /// ended children left behind. Read from <c>/proc</c>; Linux counts it in ticks of 1/100 s.
    /// </summary>
    public TimeSpan CpuTime()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_server.Folder, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || ProcStat(pid) is not { } stat)
            {
                continue;
            }

            if (pid == postmaster)
            {
                ticks += stat.UserTicks + stat.SystemTicks + stat.ChildrenTicks;
            }
            else if (stat.ParentPid == postmaster)
            {
                ticks += stat.UserTicks + stat.SystemTicks;
            }
        }

        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static (int ParentPid, long UserTicks, long SystemTicks, long ChildrenTicks)? ProcStat(int pid)
    {
        try
        {
            // Fields after the parenthesised command name: state ppid … utime(14) stime(15) cutime(16) cstime(17).
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return ((int)Field(4), Field(14), Field(15), Field(16) + Field(17));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // The process ended while the table was read.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.StopAndRemove();
        }
        catch (InvalidOperationException ex)
        {
            Out.Detail($"stopping the private PostgreSQL server failed: {ex.Message}");
        }
    }
}
