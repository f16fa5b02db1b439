using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Integration.Infrastructure;

/// <summary>
/// A private PostgreSQL server for one test collection: <c>initdb</c> into a temporary folder and <c>pg_ctl start</c>
/// on a free loopback port, from the machine's PostgreSQL binaries. The server refuses to run as root, so under root
/// it runs as the <c>postgres</c> system user. Durability is off (fsync): the tests kill silos, never the server.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string SuperUser = "postgres";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IAsyncDisposable>>> _shared = new(StringComparer.Ordinal);
    private string _binaries = "";
    private string _folder = "";
    private bool _started;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_folder, "data");

    public async Task InitializeAsync()
    {
        _binaries = FindBinaries();
        _folder = Directory.CreateTempSubdirectory("wealthactors-pg-").FullName;
        if (RunningAsRoot)
        {
            await RunAsync("chown", ["-R", SuperUser, _folder], asServerUser: false);
        }

        Port = FreePort.Next();
        await RunAsync(Path.Combine(_binaries, "initdb"),
            ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await RunAsync(Path.Combine(_binaries, "pg_ctl"),
        [
            "-D", DataDirectory, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c synchronous_commit=off " +
            "-c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB",
        ]);
        _started = true;
    }

    public async Task DisposeAsync()
    {
        // Shared silos first: they hold connections to the server.
        foreach (var resource in _shared.Values.Where(r => r.IsValueCreated && r.Value.IsCompletedSuccessfully))
        {
            await (await resource.Value).DisposeAsync();
        }

        if (_started)
        {
            await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the system temp directory.
        }
    }

    /// <summary>The connection string of database <paramref name="name"/>, created empty on first use.</summary>
    public Task<string> DatabaseAsync(string name) =>
        _databases.GetOrAdd(name.ToLowerInvariant(), key => new Lazy<Task<string>>(() => CreateDatabaseAsync(key))).Value;

    /// <summary>
    /// Something a test class starts once and shares between its tests (xunit 2 cannot hand a collection fixture to a
    /// class fixture), stopped with the server.
    /// </summary>
    public async Task<T> SharedAsync<T>(string key, Func<Task<T>> start)
        where T : IAsyncDisposable =>
        (T)await _shared.GetOrAdd(key, _ => new Lazy<Task<IAsyncDisposable>>(async () => await start())).Value;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = SuperUser, Database = database }.ConnectionString;

    public async Task<string> ServerLogAsync() => await File.ReadAllTextAsync(Path.Combine(_folder, "server.log"));

    private async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        try
        {
            var bindir = Output("pg_config", "--bindir").Trim();
            if (bindir.Length > 0)
            {
                candidates.Add(bindir);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on the PATH; look in the Debian layout.
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries (initdb, pg_ctl) found: install the 'postgresql' package (test.sh does).");
    }

    private static string Output(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static async Task RunAsync(string file, string[] arguments, bool asServerUser = true)
    {
        var info = RunningAsRoot && asServerUser
            ? new ProcessStartInfo("runuser", ["-u", SuperUser, "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        // initdb and pg_ctl must not inherit a working directory the server user cannot read.
        info.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
