using System.Diagnostics;
using Npgsql;

namespace WealthActors.Testing;

/// <summary>
/// A private PostgreSQL server in a folder of its own, from the machine's server binaries: <c>initdb</c>, then
/// <c>pg_ctl start</c> on a loopback port. The server refuses to run as root, so under root it runs as the
/// <c>postgres</c> system user. Shared by the integration tests and the benchmarks, which differ only in settings.
/// </summary>
public sealed class PrivatePostgres
{
    public const string SuperUser = "postgres";

    private readonly string _binaries;

    private PrivatePostgres(string binaries, string folder, int port)
    {
        _binaries = binaries;
        Folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The temporary folder holding the data directory, the socket and <c>server.log</c>.</summary>
    public string Folder { get; }

    private string DataDirectory => Path.Combine(Folder, "data");

    /// <summary>
    /// Creates the cluster in a new temporary folder named after <paramref name="folderPrefix"/> and starts it on
    /// <paramref name="port"/> with <paramref name="settings"/> (server options such as <c>-c fsync=off</c>).
    /// </summary>
    public static async Task<PrivatePostgres> Start(string folderPrefix, int port, string settings)
    {
        var server = new PrivatePostgres(FindBinaries(), Directory.CreateTempSubdirectory(folderPrefix).FullName, port);
        if (RunningAsRoot)
        {
            await Run("chown", ["-R", SuperUser, server.Folder], asServerUser: false);
        }

        await Run(Path.Combine(server._binaries, "initdb"),
            ["-D", server.DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await Run(Path.Combine(server._binaries, "pg_ctl"),
        [
            "-D", server.DataDirectory, "-l", Path.Combine(server.Folder, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {port} -c listen_addresses=127.0.0.1 -k {server.Folder} {settings}",
        ]);
        return server;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = SuperUser, Database = database }.ConnectionString;

    public async Task CreateDatabase(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs one of the server's client tools (<c>pg_dump</c>, <c>pg_restore</c>, …) of the same version as the server,
    /// as the calling user (client tools connect over TCP and need no server user); throws when it fails.
    /// </summary>
    public Task RunClientTool(string tool, params string[] arguments) => Run(Path.Combine(_binaries, tool), arguments, asServerUser: false);

    public async Task<string> ServerLog() => await File.ReadAllTextAsync(Path.Combine(Folder, "server.log"));

    /// <summary>Stops the server at once (nothing here needs a clean shutdown) and removes its folder.</summary>
    public async Task StopAndRemove()
    {
        try
        {
            await Run(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: the folder is under the system temp directory.
            }
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();

        // Debian keeps the server binaries off the PATH, one folder per major version.
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        var found = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries (initdb, pg_ctl) found: scripts/install-test-deps.sh installs them.");

        // A PATH entry may hold links to a few of the server's binaries only: its client tools (pg_dump) live beside
        // the real initdb.
        return File.ResolveLinkTarget(Path.Combine(found, "initdb"), returnFinalTarget: true) is { } target
            ? Path.GetDirectoryName(target.FullName)!
            : found;
    }

    private static async Task Run(string file, string[] arguments, bool asServerUser = true)
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
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
