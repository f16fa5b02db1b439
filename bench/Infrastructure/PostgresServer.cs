using System.Diagnostics;
using Npgsql;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// A private PostgreSQL server for one benchmark run: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on a
/// free loopback port, stopped (immediate) and removed afterwards. The server refuses to run as root, so under root it
/// runs as the <c>postgres</c> system user. Settings are the server's defaults (durable commits) apart from the
/// connection limit, which must admit the silo's pool and 64 raw callers at once.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";

    private readonly string _binaries;
    private readonly string _folder;
    private bool _started;

    private PostgresServer(string binaries, string folder, int port)
    {
        _binaries = binaries;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_folder, "data");

    /// <summary>Starts a server with an empty database <c>wealthactors</c>.</summary>
    public static async Task<PostgresServer> Start()
    {
        var binaries = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("wealthactors-bench-pg-").FullName;
        var server = new PostgresServer(binaries, folder, FreePort.Next());
        try
        {
            if (RunningAsRoot)
            {
                await Run("chown", ["-R", SuperUser, folder], asServerUser: false);
            }

            await Run(Path.Combine(binaries, "initdb"),
                ["-D", server.DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            await Run(Path.Combine(binaries, "pg_ctl"),
            [
                "-D", server.DataDirectory, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start", "-o",
                $"-p {server.Port} -c listen_addresses=127.0.0.1 -k {folder} -c max_connections=300 -c shared_buffers=256MB",
            ]);
            server._started = true;
            await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE DATABASE wealthactors";
            await command.ExecuteNonQueryAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The product's database; <paramref name="maxPoolSize"/> bounds one client's pool.</summary>
    public string ConnectionString(string database = "wealthactors", int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = SuperUser, Database = database };
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
    };

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            try
            {
                await Run(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException ex)
            {
                Out.Detail($"stopping the private PostgreSQL server failed: {ex.Message}");
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the system temp directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(directory);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries (initdb, pg_ctl) found: scripts/install-test-deps.sh installs them.");
    }

    private static async Task Run(string file, string[] arguments, bool asServerUser = true)
    {
        var info = RunningAsRoot && asServerUser
            ? new ProcessStartInfo("runuser", ["-u", SuperUser, "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        // The server user must be able to read its working directory.
        info.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
